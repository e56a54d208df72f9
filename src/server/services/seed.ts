import type { Db } from "@/server/db/client";
import { seedDemoCustomers } from "./customers/seed-customers";

/**
 * Demo data for a fresh portal. Extended by each domain; every step checks before it creates, so
 * the seed is idempotent.
 */
export async function seedDemoData(db: Db): Promise<{ summary: string }> {
  const lines = await seedDemoCustomers(db);
  return { summary: ["Demo data:", ...lines.map((l) => `  ${l}`)].join("\n") };
}
