import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { setupSteps, type SetupStep } from "@/server/db/schema";

/** Puts a step back to pending, as if its earlier result had been lost. */
export async function resetStepForTest(db: Db, customerId: string, step: SetupStep) {
  await db.update(setupSteps).set({ status: "pending" }).where(and(eq(setupSteps.customerId, customerId), eq(setupSteps.step, step)));
}
