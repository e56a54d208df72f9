import { randomBytes } from "node:crypto";
import { createCaller } from "@/server/api/root";
import { createContextInner, type Caller } from "@/server/api/context";
import type { Db } from "@/server/db/client";
import { users, type Role } from "@/server/db/schema";
import { hashPassword } from "@/server/auth/password";

export const unique = (prefix = "x") => `${prefix}-${randomBytes(5).toString("hex")}`;

export async function createUser(db: Db, opts: { role?: Role; password?: string; disabled?: boolean; email?: string } = {}) {
  const email = opts.email ?? `${unique("user")}@example.test`;
  const [user] = await db
    .insert(users)
    .values({
      email,
      name: email.split("@")[0]!,
      role: opts.role ?? "staff",
      passwordHash: opts.password ? await hashPassword(opts.password) : null,
      disabledAt: opts.disabled ? new Date() : null,
    })
    .returning();
  return user!;
}

export function callerFor(db: Db, caller: Caller, opts: { now?: () => Date; ip?: string } = {}) {
  return createCaller(createContextInner({ db, caller, ...opts }));
}

export const asStaff = (db: Db, userId: string) => callerFor(db, { type: "staff", userId });
export const asAnonymous = (db: Db) => callerFor(db, { type: "anonymous" });
export const asCustomer = (db: Db, sessionToken: string, now?: () => Date) => callerFor(db, { type: "customer", sessionToken }, { now });
