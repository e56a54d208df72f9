import type { Db } from "@/server/db/client";

/**
 * Demo data for a fresh portal. Extended by each domain; every step checks before it creates, so
 * the seed is idempotent.
 */
export async function seedDemoData(_db: Db): Promise<{ summary: string }> {
  return { summary: "Demo data: nothing to add yet." };
}
