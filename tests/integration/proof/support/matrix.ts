import type { Db } from "@/server/db/client";
import type { Audience } from "../../authz-expectations";
import { asAnonymous, asCustomer, asStaff } from "../../helpers/factories";
import { allOf, type CanarySet } from "./canaries";
import type { IdPool } from "./schema-inputs";
import { createCustomerFixture, type CustomerFixture, type GlobalFixture } from "./world";

/**
 * The callers of the matrix, in the order they run: those that must be refused first, so an
 * allowed mutation (a revoke, an archive) cannot change what a later refusal looks like.
 */
export const callerOrder = ["anonymous", "disabledStaff", "expiredGrant", "revokedGrant", "otherCustomer", "ownerCustomer", "staff", "admin"] as const;
export type CallerName = (typeof callerOrder)[number];

export interface World {
  a: CustomerFixture;
  b: CustomerFixture;
  global: GlobalFixture;
}

export async function createWorld(db: Db, global: GlobalFixture): Promise<World> {
  return { a: await createCustomerFixture(db, "A"), b: await createCustomerFixture(db, "B"), global };
}

/** Every input names B's objects; A is "another customer", the expired and revoked grants are B's own. */
export function callersFor(db: Db, w: World): Record<CallerName, object> {
  return {
    anonymous: asAnonymous(db),
    disabledStaff: asStaff(db, w.global.disabledId),
    expiredGrant: asCustomer(db, w.b.expiredSessionToken),
    revokedGrant: asCustomer(db, w.b.revokedSessionToken),
    otherCustomer: asCustomer(db, w.a.sessionToken),
    ownerCustomer: asCustomer(db, w.b.sessionToken),
    staff: asStaff(db, w.global.staffId),
    admin: asStaff(db, w.global.adminId),
  };
}

/** B's ids by the field names procedures use. */
export function idPoolOf(w: World): IdPool {
  const b = w.b;
  return {
    byField: {
      customerId: b.customerId,
      grantId: b.grantId,
      conversationId: b.conversationId,
      eventId: b.eventId,
      sessionId: b.loginSessionId,
      appId: b.appId,
      id: b.emailId,
      emailId: b.emailId,
      notificationId: b.notificationId,
      ids: b.notificationId,
      pageId: b.pageId,
      wabaId: b.wabaId,
      phoneNumberId: b.phoneNumberId,
      webhookId: b.webhookId,
      connectionId: b.connectionId,
      userId: w.global.targetUserId,
      endpointId: w.global.endpointId,
      deliveryId: w.global.deliveryId,
      keyId: w.global.apiKeyId,
    },
    fallback: b.customerId,
  };
}

/** True when the input carries one of B's ids (so a foreign caller must get NOT_FOUND). */
export function namesForeignIds(input: unknown, pool: IdPool): boolean {
  const ids = new Set(Object.values(pool.byField).filter((id) => id !== pool.byField.userId));
  const walk = (v: unknown): boolean =>
    typeof v === "string" ? ids.has(v) : Array.isArray(v) ? v.some(walk) : v && typeof v === "object" ? Object.values(v).some(walk) : false;
  return walk(input);
}

export type Expected = "allowed" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND";

/**
 * What the declared audience means for each caller. Staff routes do not exist for customers
 * (NOT_FOUND) and customer routes do not exist for staff; an ended grant is UNAUTHORIZED.
 */
export function expectedOutcome(audience: Audience, who: CallerName, foreignIds: boolean): Expected {
  if (audience === "public") return "allowed";
  const staffSide = audience === "admin" || audience === "staff";
  switch (who) {
    case "anonymous":
      return staffSide ? "UNAUTHORIZED" : "NOT_FOUND";
    case "disabledStaff":
      return staffSide ? "UNAUTHORIZED" : "NOT_FOUND";
    case "expiredGrant":
    case "revokedGrant":
      return staffSide ? "NOT_FOUND" : "UNAUTHORIZED";
    case "otherCustomer":
      return staffSide || foreignIds ? "NOT_FOUND" : "allowed";
    case "ownerCustomer":
      return staffSide ? "NOT_FOUND" : "allowed";
    case "staff":
      return audience === "admin" ? "FORBIDDEN" : audience === "staff" ? "allowed" : "NOT_FOUND";
    case "admin":
      return staffSide ? "allowed" : "NOT_FOUND";
  }
}

/**
 * Canaries a caller's response must not contain. Secrets reach nobody; B's data reaches only
 * staff and B's live session; A's data never reaches a caller acting on B.
 */
export function forbiddenCanaries(w: World, who: CallerName): string[] {
  const secrets = (s: CanarySet) => Object.values(s.secret);
  const never = [...secrets(w.a.canaries), ...secrets(w.b.canaries), ...secrets(w.global.canaries)];
  if (who === "admin" || who === "staff") return never;
  if (who === "ownerCustomer") return [...never, ...allOf(w.a.canaries)];
  if (who === "otherCustomer") return [...never, ...allOf(w.b.canaries)];
  return [...never, ...allOf(w.a.canaries), ...allOf(w.b.canaries)];
}
