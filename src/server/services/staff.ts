import { and, asc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { passwordTokens, users, type Role, type User } from "@/server/db/schema";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { blockedUntil, clearFailures, recordFailure, type LoginLimits } from "@/server/auth/rate-limit";
import { AppError, notFound } from "@/server/errors";
import { newLinkToken, sha256Hex } from "@/server/lib/tokens";
import { audit, type Actor } from "./audit";

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export type SignInResult = { ok: true; user: User } | { ok: false; reason: "invalid" | "blocked" };

/** Unknown email and wrong password take the same path and give the same answer. */
export async function authenticate(
  db: Db,
  input: { email: string; password: string; ip: string; now?: Date },
  limits: LoginLimits,
): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const now = input.now ?? new Date();
  if (await blockedUntil(db, email, input.ip, now)) return { ok: false, reason: "blocked" };
  const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email));
  const valid = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !valid || user.disabledAt) {
    const { blocked } = await recordFailure(db, email, input.ip, now, limits);
    if (blocked) await audit(db, { actor: { type: "system", label: "sign-in" }, action: "auth.sign_in_blocked", metadata: { email, ip: input.ip } });
    return { ok: false, reason: "invalid" };
  }
  await clearFailures(db, email, input.ip);
  await db.update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id));
  await audit(db, { actor: actorOf(user), action: "auth.signed_in", target: { type: "user", id: user.id }, metadata: { ip: input.ip } });
  return { ok: true, user };
}

export const actorOf = (u: Pick<User, "id" | "email">): Actor => ({ type: "user", id: u.id, label: u.email });

export const staffView = (u: User) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  disabled: u.disabledAt !== null,
  createdAt: u.createdAt,
  lastSignInAt: u.lastSignInAt,
});

export async function listStaff(db: Db) {
  return (await db.select().from(users).orderBy(asc(users.email))).map(staffView);
}

export async function getActiveUser(db: Db, id: string): Promise<User | undefined> {
  const [u] = await db.select().from(users).where(and(eq(users.id, id), isNull(users.disabledAt)));
  return u;
}

async function findUser(db: Db, id: string): Promise<User> {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  if (!u) throw notFound("Staff member");
  return u;
}

const LINK_HOURS = 48;

async function createPasswordLink(db: Db, userId: string, publicUrl: string): Promise<string> {
  const token = newLinkToken();
  await db.insert(passwordTokens).values({ userId, tokenHash: sha256Hex(token), expiresAt: new Date(Date.now() + LINK_HOURS * 3600_000) });
  return `${publicUrl.replace(/\/$/, "")}/set-password/${token}`;
}

export async function createStaff(
  db: Db,
  actor: Actor,
  input: { email: string; name: string; role: Role; password?: string },
  publicUrl: string,
) {
  const email = normalizeEmail(input.email);
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, email));
  if (existing) throw new AppError("CONFLICT", { userMessage: "A staff member with this email already exists.", fieldErrors: { email: "This email is already in use." } });
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const [user] = await db.insert(users).values({ email, name: input.name.trim(), role: input.role, passwordHash }).returning();
  await audit(db, { actor, action: "staff.created", target: { type: "user", id: user!.id }, metadata: { email, role: input.role, method: input.password ? "initial_password" : "link" } });
  const setPasswordUrl = input.password ? null : await createPasswordLink(db, user!.id, publicUrl);
  return { user: staffView(user!), setPasswordUrl };
}

async function assertNotLastAdmin(db: Db, userId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt), ne(users.id, userId)));
  if ((row?.n ?? 0) === 0) throw new AppError("PRECONDITION_FAILED", { userMessage: "The portal needs at least one active admin." });
}

export async function changeRole(db: Db, actor: Actor, userId: string, role: Role) {
  const user = await findUser(db, userId);
  if (user.role === role) return staffView(user);
  if (user.role === "admin") await assertNotLastAdmin(db, userId);
  const [updated] = await db.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, userId)).returning();
  await audit(db, { actor, action: "staff.role_changed", target: { type: "user", id: userId }, metadata: { from: user.role, to: role } });
  return staffView(updated!);
}

export async function setDisabled(db: Db, actor: Actor & { id: string }, userId: string, disabled: boolean) {
  const user = await findUser(db, userId);
  if (disabled && userId === actor.id) throw new AppError("PRECONDITION_FAILED", { userMessage: "You cannot disable your own account." });
  if (disabled && user.role === "admin") await assertNotLastAdmin(db, userId);
  const [updated] = await db
    .update(users)
    .set({ disabledAt: disabled ? new Date() : null, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning();
  await audit(db, { actor, action: disabled ? "staff.disabled" : "staff.enabled", target: { type: "user", id: userId } });
  return staffView(updated!);
}

/** Either sets a new password directly, or issues a one-time set-password link. */
export async function resetPassword(db: Db, actor: Actor, userId: string, input: { password?: string }, publicUrl: string) {
  await findUser(db, userId);
  if (input.password) {
    await db.update(users).set({ passwordHash: await hashPassword(input.password), updatedAt: new Date() }).where(eq(users.id, userId));
    await audit(db, { actor, action: "staff.password_reset", target: { type: "user", id: userId }, metadata: { method: "direct" } });
    return { setPasswordUrl: null };
  }
  const setPasswordUrl = await createPasswordLink(db, userId, publicUrl);
  await audit(db, { actor, action: "staff.password_link_created", target: { type: "user", id: userId } });
  return { setPasswordUrl };
}

/** Consumes a set-password link in one statement, so a link works exactly once. */
export async function setPasswordWithToken(db: Db, token: string, password: string): Promise<boolean> {
  const now = new Date();
  const [used] = await db
    .update(passwordTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordTokens.tokenHash, sha256Hex(token)), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now)))
    .returning({ userId: passwordTokens.userId });
  if (!used) return false;
  await db.update(users).set({ passwordHash: await hashPassword(password), updatedAt: now }).where(eq(users.id, used.userId));
  await audit(db, { actor: { type: "user", id: used.userId, label: "set-password link" }, action: "staff.password_set", target: { type: "user", id: used.userId } });
  return true;
}

export async function passwordTokenValid(db: Db, token: string): Promise<boolean> {
  const [row] = await db
    .select({ id: passwordTokens.id })
    .from(passwordTokens)
    .where(and(eq(passwordTokens.tokenHash, sha256Hex(token)), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, new Date())));
  return !!row;
}
