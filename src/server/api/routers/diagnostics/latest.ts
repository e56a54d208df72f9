import { eq } from "drizzle-orm";
import { permissionProcedure } from "@/server/api/trpc";
import { customers } from "@/server/db/schema";
import { notFound } from "@/server/errors";
import { findConnection } from "@/server/services/channels/context";
import { latestRun, runHistory } from "@/server/services/diagnostics/run";
import { customerChannelInput, latestOutput } from "./schemas";

/** The channel's latest diagnosis and its recent history; no outside call (the page runs a fresh one on demand). */
export const latest = permissionProcedure("diagnostics.run")
  .input(customerChannelInput)
  .output(latestOutput)
  .query(async ({ ctx, input }) => {
    const [customer] = await ctx.db.select().from(customers).where(eq(customers.id, input.customerId));
    if (!customer) throw notFound("Customer");
    const [row, run, history] = await Promise.all([findConnection(ctx.db, customer.id, input.channel), latestRun(ctx.db, customer.id, input.channel), runHistory(ctx.db, customer.id, input.channel)]);
    return {
      customer: { id: customer.id, name: customer.businessName, contactEmail: customer.contactEmail },
      connection: row
        ? { state: row.state, pageName: row.pageName, igUsername: row.igUsername, displayPhoneNumber: row.displayPhoneNumber, tokenExpiresAt: row.tokenExpiresAt, dataAccessExpiresAt: row.dataAccessExpiresAt }
        : null,
      run,
      history,
    };
  });
