import { desc, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { accessGrants } from "@/server/db/schema";

export type AccessStatus =
  | { status: "none" }
  | { status: "invited" | "active"; expiresAt: Date }
  | { status: "ended"; endedAt: Date; reason: "expired" | "revoked" | "completed" | "superseded" };

/** The latest grant of each customer, reduced to what a list row shows (no token material). */
export async function latestAccess(db: DbOrTx, customerIds: string[], now = new Date()): Promise<Map<string, AccessStatus>> {
  const out = new Map<string, AccessStatus>();
  if (!customerIds.length) return out;
  const rows = await db
    .selectDistinctOn([accessGrants.customerId], {
      customerId: accessGrants.customerId,
      expiresAt: accessGrants.expiresAt,
      usedAt: accessGrants.usedAt,
      endedAt: accessGrants.endedAt,
      endReason: accessGrants.endReason,
    })
    .from(accessGrants)
    .where(inArray(accessGrants.customerId, customerIds))
    .orderBy(accessGrants.customerId, desc(accessGrants.createdAt));
  for (const r of rows) {
    if (r.endReason) out.set(r.customerId, { status: "ended", endedAt: r.endedAt ?? r.expiresAt, reason: r.endReason });
    else if (r.expiresAt <= now) out.set(r.customerId, { status: "ended", endedAt: r.expiresAt, reason: "expired" });
    else out.set(r.customerId, { status: r.usedAt ? "active" : "invited", expiresAt: r.expiresAt });
  }
  return out;
}
