import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { env } from "@/env";
import type { DbOrTx } from "@/server/db/client";
import { notifications, users } from "@/server/db/schema";
import { getSetting } from "./settings";
import { queueEmail } from "./outbox";

export interface StaffNotice {
  kind: string;
  title: string;
  body: string;
  customerId?: string | null;
  /** Portal path the notice links to, e.g. `/customers/<id>`. */
  href?: string | null;
  /** Staff who also get it by email; in-app it reaches every active staff member. */
  emailUserIds?: string[];
}

/**
 * One in-app row per active staff member (so each has their own read state), plus an email to the
 * staff named in `emailUserIds` (usually whoever sent the invite) that are still active.
 */
export async function notifyStaff(db: DbOrTx, notice: StaffNotice): Promise<{ recipients: number; emails: number }> {
  const active = await db.select({ id: users.id, email: users.email }).from(users).where(isNull(users.disabledAt));
  if (active.length) {
    await db.insert(notifications).values(
      active.map((u) => ({ userId: u.id, kind: notice.kind, title: notice.title, body: notice.body, customerId: notice.customerId ?? null, href: notice.href ?? null })),
    );
  }
  const emailTo = active.filter((u) => notice.emailUserIds?.includes(u.id));
  if (emailTo.length) {
    const base = (await getSetting(db, "portal.publicUrl")).replace(/\/$/, "");
    const link = notice.href ? `\n\nOpen in the portal: ${base}${notice.href}` : "";
    for (const u of emailTo) {
      await queueEmail(db, {
        to: u.email,
        subject: `[${env.RESELLER_NAME}] ${notice.title}`,
        body: `${notice.body}${link}\n`,
        kind: `notice.${notice.kind}`,
        customerId: notice.customerId ?? null,
      });
    }
  }
  return { recipients: active.length, emails: emailTo.length };
}

export async function listNotifications(db: DbOrTx, userId: string, opts: { limit: number; unreadOnly?: boolean }) {
  const mine = eq(notifications.userId, userId);
  const where = opts.unreadOnly ? and(mine, isNull(notifications.readAt)) : mine;
  const [rows, [unread]] = await Promise.all([
    db.select().from(notifications).where(where).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(opts.limit),
    db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(mine, isNull(notifications.readAt))),
  ]);
  return {
    unread: unread?.n ?? 0,
    items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, customerId: r.customerId, href: r.href, readAt: r.readAt, createdAt: r.createdAt })),
  };
}

export async function unreadCount(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks the caller's own notifications read; ids of anyone else's simply match nothing. */
export async function markNotificationsRead(db: DbOrTx, userId: string, ids: string[] | "all", now: Date): Promise<number> {
  const scope = and(eq(notifications.userId, userId), isNull(notifications.readAt));
  const where = ids === "all" ? scope : and(scope, inArray(notifications.id, ids.length ? ids : ["00000000-0000-0000-0000-000000000000"]));
  const rows = await db.update(notifications).set({ readAt: now }).where(where).returning({ id: notifications.id });
  return rows.length;
}
