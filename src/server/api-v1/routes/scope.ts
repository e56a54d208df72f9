import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { customers } from "@/server/db/schema";
import { notFound } from "@/server/errors";

export const customerParams = z.object({ customerId: z.uuid("Unknown customer.") });

/** Every route is under one customer: an unknown id is 404 before any service runs. */
export async function requireCustomer(db: DbOrTx, customerId: string): Promise<void> {
  const [row] = await db.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId));
  if (!row) throw notFound("Customer");
}

/** A child row of another customer is answered exactly like a missing one (never confirms it exists). */
export function sameCustomer<T extends { customerId: string | null }>(row: T, customerId: string, what: string): T {
  if (row.customerId !== customerId) throw notFound(what);
  return row;
}

export const queryBoolean = z.enum(["true", "false"]).transform((v) => v === "true");
