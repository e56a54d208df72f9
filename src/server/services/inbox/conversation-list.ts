import { and, eq, gt, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { conversations, customers } from "@/server/db/schema";
import { replyWindow, type ReplyWindow } from "./window";

export interface ListFilter {
  customerId?: string;
  channel?: string;
  unread?: boolean;
  failures?: boolean;
  search?: string;
  cursor?: { at: Date; id: string };
  limit: number;
}

/** Words of the search box as a prefix tsquery (`hel & wor` → `hel:* & wor:*`), or null. */
export function searchQuery(search: string | undefined): string | null {
  const words = (search ?? "").normalize("NFKC").match(/[\p{L}\p{N}]+/gu)?.slice(0, 8) ?? [];
  return words.length ? words.map((w) => `${w.toLowerCase()}:*`).join(" & ") : null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function searchCondition(search: string): SQL | undefined {
  const like = `%${escapeLike(search.trim().slice(0, 100))}%`;
  const tsquery = searchQuery(search);
  const byContact = or(sql`${conversations.contactName} ILIKE ${like}`, sql`${conversations.identity} ILIKE ${like}`);
  if (!tsquery) return byContact;
  // A hashed subplan: the GIN index finds matching messages once, not once per conversation.
  const byText = sql`${conversations.id} IN (SELECT conversation_id FROM messages WHERE search @@ to_tsquery('simple', ${tsquery}))`;
  return or(byContact, byText);
}

export interface ConversationListItem {
  id: string;
  customerId: string;
  customerName: string;
  channel: string;
  identity: string | null;
  contactName: string | null;
  preview: string | null;
  lastDirection: "inbound" | "outbound" | null;
  lastMessageAt: Date;
  lastInboundAt: Date | null;
  unreadCount: number;
  hasFailure: boolean;
  active: boolean;
  window: ReplyWindow;
}

/** Newest first, keyset-paginated on (last_message_at, id) so every page is an index range scan. */
export async function listConversations(db: DbOrTx, f: ListFilter, now = new Date()): Promise<{ items: ConversationListItem[]; nextCursor: { at: Date; id: string } | null }> {
  const where: Array<SQL | undefined> = [];
  if (f.customerId) where.push(eq(conversations.customerId, f.customerId));
  if (f.channel) where.push(eq(conversations.channel, f.channel));
  // Literal predicates, so the planner can use the partial indexes (unread_count > 0, has_failure).
  if (f.unread) where.push(sql`${conversations.unreadCount} > 0`);
  if (f.failures) where.push(sql`${conversations.hasFailure}`);
  if (f.search?.trim()) where.push(searchCondition(f.search));
  if (f.cursor) {
    // A row comparison, so the keyset is one index range condition.
    where.push(sql`(${conversations.lastMessageAt}, ${conversations.id}) < (${f.cursor.at.toISOString()}::timestamptz, ${f.cursor.id}::uuid)`);
  }
  // Page first (an index range scan on the list order), then join the page's customers: joining
  // first lets the planner hash-join every conversation and sort them all.
  const page0 = db
    .select({
      id: conversations.id,
      customerId: conversations.customerId,
      channel: conversations.channel,
      identity: conversations.identity,
      contactName: conversations.contactName,
      preview: conversations.preview,
      lastDirection: conversations.lastDirection,
      lastMessageAt: conversations.lastMessageAt,
      lastInboundAt: conversations.lastInboundAt,
      unreadCount: conversations.unreadCount,
      hasFailure: conversations.hasFailure,
      active: conversations.active,
    })
    .from(conversations)
    .where(and(...where))
    .orderBy(sql`${conversations.lastMessageAt} DESC NULLS LAST`, sql`${conversations.id} DESC NULLS LAST`)
    .limit(f.limit + 1)
    .as("page");
  const rows = await db
    .select({
      id: page0.id,
      customerId: page0.customerId,
      customerName: customers.businessName,
      humanAgentApproved: customers.humanAgentApproved,
      channel: page0.channel,
      identity: page0.identity,
      contactName: page0.contactName,
      preview: page0.preview,
      lastDirection: page0.lastDirection,
      lastMessageAt: page0.lastMessageAt,
      lastInboundAt: page0.lastInboundAt,
      unreadCount: page0.unreadCount,
      hasFailure: page0.hasFailure,
      active: page0.active,
    })
    .from(page0)
    .innerJoin(customers, eq(customers.id, page0.customerId))
    .orderBy(sql`${page0.lastMessageAt} DESC NULLS LAST`, sql`${page0.id} DESC NULLS LAST`);
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ humanAgentApproved, ...r }) => ({ ...r, window: replyWindow({ channel: r.channel, lastInboundAt: r.lastInboundAt, humanAgentApproved, now }) })),
    nextCursor: rows.length > f.limit && last ? { at: last.lastMessageAt, id: last.id } : null,
  };
}

/** Changes whenever any conversation in scope changes: the inbox polls it to refresh live. */
export async function inboxVersion(db: DbOrTx, customerId?: string): Promise<string> {
  const [row] = await db
    .select({ v: sql<string | null>`max(${conversations.updatedAt})::text` })
    .from(conversations)
    .where(customerId ? eq(conversations.customerId, customerId) : undefined);
  return row?.v ?? "empty";
}

export async function markConversationRead(db: DbOrTx, conversationId: string): Promise<boolean> {
  const rows = await db
    .update(conversations)
    .set({ unreadCount: 0, updatedAt: sql`now()` })
    .where(and(eq(conversations.id, conversationId), gt(conversations.unreadCount, 0)))
    .returning({ id: conversations.id });
  return rows.length > 0;
}

/** Customers for the inbox filter. */
export async function inboxCustomers(db: DbOrTx) {
  return db.select({ id: customers.id, name: customers.businessName }).from(customers).orderBy(customers.businessName).limit(1000);
}
