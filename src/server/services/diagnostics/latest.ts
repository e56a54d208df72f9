import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { customers, type Channel } from "@/server/db/schema";
import { notFound } from "@/server/errors";
import { findConnection } from "@/server/services/channels/context";
import { latestRun, runHistory } from "./run";

/** The channel's latest diagnosis and its recent history; no outside call (a fresh run is on demand). */
export async function latestDiagnosis(db: DbOrTx, customerId: string, channel: Channel) {
  const [customer] = await db.select().from(customers).where(eq(customers.id, customerId));
  if (!customer) throw notFound("Customer");
  const [row, run, history] = await Promise.all([findConnection(db, customer.id, channel), latestRun(db, customer.id, channel), runHistory(db, customer.id, channel)]);
  return {
    customer: { id: customer.id, name: customer.businessName, contactEmail: customer.contactEmail },
    connection: row
      ? { state: row.state, pageName: row.pageName, igUsername: row.igUsername, displayPhoneNumber: row.displayPhoneNumber, tokenExpiresAt: row.tokenExpiresAt, dataAccessExpiresAt: row.dataAccessExpiresAt }
      : null,
    run,
    history,
  };
}
