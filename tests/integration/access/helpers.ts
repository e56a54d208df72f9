import { desc, eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { accessGrants, channelConnections, customers, outboundEmails, type Channel, type ChannelState } from "@/server/db/schema";
import { exchangeLink } from "@/server/services/access/links";
import { readOutboxEmail } from "@/server/services/outbox";
import { asCustomer, asStaff, callerFor, createUser, unique } from "../helpers/factories";

/** A customer row inserted directly: these tests do not depend on the customers services. */
export async function createCustomer(db: Db, opts: { archived?: boolean } = {}) {
  const [row] = await db
    .insert(customers)
    .values({
      businessName: unique("Biz"),
      contactName: "Contact",
      contactEmail: `${unique("contact")}@customer.test`,
      region: "eu",
      projectMode: "subproject",
      archivedAt: opts.archived ? new Date() : null,
    })
    .returning();
  return row!;
}

export async function setChannelState(db: Db, customerId: string, channel: Channel, state: ChannelState) {
  await db
    .insert(channelConnections)
    .values({ customerId, channel, state })
    .onConflictDoUpdate({ target: [channelConnections.customerId, channelConnections.channel], set: { state, stateChangedAt: new Date() } });
}

/** The link token, read from the newest email of a grant, exactly as a customer would. */
export async function linkTokenOf(db: Db, grantId: string): Promise<string> {
  const [email] = await db.select().from(outboundEmails).where(eq(outboundEmails.grantId, grantId)).orderBy(desc(outboundEmails.createdAt)).limit(1);
  if (!email) throw new Error("no email for grant");
  const { body } = await readOutboxEmail(db, email.id);
  const match = /\/access\/([A-Za-z0-9_-]{43})/.exec(body);
  if (!match) throw new Error("no link in email");
  return match[1]!;
}

export interface Scenario {
  staff: Awaited<ReturnType<typeof createUser>>;
  customer: Awaited<ReturnType<typeof createCustomer>>;
  grantId: string;
  token: string;
}

/** Staff invites a fresh customer; returns the grant id and the link token from the email. */
export async function invited(db: Db, opts: { channels?: Channel[]; hours?: number; autoRevokeOnActive?: boolean; now?: () => Date } = {}): Promise<Scenario> {
  const staff = await createUser(db, { role: "staff" });
  const customer = await createCustomer(db);
  const api = opts.now ? asStaffAt(db, staff.id, opts.now) : asStaff(db, staff.id);
  const grant = await api.access.invite({
    customerId: customer.id,
    email: customer.contactEmail,
    channels: opts.channels ?? ["MESSENGER", "WHATSAPP"],
    hours: opts.hours,
    autoRevokeOnActive: opts.autoRevokeOnActive ?? true,
  });
  return { staff, customer, grantId: grant.id, token: await linkTokenOf(db, grant.id) };
}

export async function openLink(db: Db, token: string, opts: { now?: Date; browserId?: string; ip?: string } = {}) {
  return exchangeLink(db, { token, browserId: opts.browserId, ip: opts.ip ?? unique("ip"), now: opts.now ?? new Date() });
}

/** Invite + open: a customer caller with a live session. */
export async function customerSession(db: Db, opts: Parameters<typeof invited>[1] = {}) {
  const scenario = await invited(db, opts);
  const opened = await openLink(db, scenario.token);
  if (!opened.ok) throw new Error("link did not open");
  return { ...scenario, sessionToken: opened.sessionToken, api: (now?: () => Date) => asCustomer(db, opened.sessionToken, now) };
}

export const asStaffAt = (db: Db, userId: string, now: () => Date) => callerFor(db, { type: "staff", userId }, { now });

export async function grantRow(db: Db, grantId: string) {
  const [row] = await db.select().from(accessGrants).where(eq(accessGrants.id, grantId));
  return row!;
}
