import { sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { users } from "@/server/db/schema";
import { hashPassword } from "@/server/auth/password";
import { generatePassword } from "@/server/lib/tokens";
import { audit, systemActor } from "./audit";
import { normalizeEmail } from "./staff";

export const DEFAULT_ADMIN_EMAIL = "admin@example.com";

/**
 * Creates the first admin when there is no user at all. Returns what was created, or null. The
 * insert is conditional in one statement so two processes starting together create one admin.
 */
export async function bootstrapAdmin(db: Db, input: { email?: string; password?: string }) {
  const email = normalizeEmail(input.email ?? DEFAULT_ADMIN_EMAIL);
  const generatedPassword = input.password ? undefined : generatePassword();
  const passwordHash = await hashPassword(input.password ?? generatedPassword!);
  const result = await db.execute<{ id: string }>(sql`
    insert into ${users} (email, name, role, password_hash)
    select ${email}, 'Administrator', 'admin', ${passwordHash}
    where not exists (select 1 from ${users})
    on conflict do nothing
    returning id`);
  const rows = (Array.isArray(result) ? result : (result as { rows: { id: string }[] }).rows) as { id: string }[];
  const id = rows[0]?.id;
  if (!id) return null;
  await audit(db, { actor: systemActor("bootstrap"), action: "system.bootstrap_admin", target: { type: "user", id }, metadata: { email } });
  return { id, email, generatedPassword };
}
