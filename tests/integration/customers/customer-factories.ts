import { randomBytes } from "node:crypto";
import type { Db } from "@/server/db/client";
import { accessGrants, channelConnections, customerSessions, customers, type Channel, type ChannelState, type Region } from "@/server/db/schema";
import { sha256Hex } from "@/server/lib/tokens";
import { unique } from "../helpers/factories";

export function customerInput(overrides: Partial<{ businessName: string; contactName: string; contactEmail: string; region: Region }> = {}) {
  return {
    businessName: unique("Acme"),
    contactName: "Ada Lovelace",
    contactEmail: `${unique("contact")}@example.test`,
    region: "eu" as Region,
    projectMode: "subproject" as const,
    ...overrides,
  };
}

/** A customer row without any Sinch resources, for queries that do not need the emulator. */
export async function insertCustomer(db: Db, opts: { region?: Region; businessName?: string; setupStatus?: "in_progress" | "needs_attention" | "ready"; archived?: boolean } = {}) {
  const [row] = await db
    .insert(customers)
    .values({
      businessName: opts.businessName ?? unique("Biz"),
      contactName: "Contact",
      contactEmail: `${unique("c")}@example.test`,
      region: opts.region ?? "us",
      projectMode: "subproject",
      setupStatus: opts.setupStatus ?? "ready",
      archivedAt: opts.archived ? new Date() : null,
      lastActivityAt: new Date(),
    })
    .returning();
  return row!;
}

export async function addChannel(db: Db, customerId: string, channel: Channel, state: ChannelState) {
  await db.insert(channelConnections).values({ customerId, channel, state });
}

/** A live customer session (grant + session row) for `asCustomer`. */
export async function customerSession(db: Db, customerId: string): Promise<string> {
  const [grant] = await db
    .insert(accessGrants)
    .values({
      customerId,
      invitedEmail: `${unique("guest")}@example.test`,
      channels: ["INSTAGRAM"],
      tokenHash: sha256Hex(randomBytes(16).toString("hex")),
      expiresAt: new Date(Date.now() + 3600_000),
      usedAt: new Date(),
      createdBy: "test",
    })
    .returning();
  const token = randomBytes(24).toString("base64url");
  await db.insert(customerSessions).values({ grantId: grant!.id, tokenHash: sha256Hex(token) });
  return token;
}
