import { and, desc, eq, lt, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { env } from "@/env";
import { secrets } from "@/server/crypto";
import type { DbOrTx } from "@/server/db/client";
import { outboundEmails, type OutboundEmail } from "@/server/db/schema";
import { AppError, notFound } from "@/server/errors";
import { enqueue } from "@/server/jobs/queue";
import { logger } from "@/server/log";
import { audit, systemActor } from "./audit";

/** What delivery needs from a mail transport; nodemailer transports satisfy it. */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

export const EMAIL_DELIVER_JOB = "email.deliver";
export const MAX_ATTEMPTS = 5;

const bodyCtx = (id: string) => ({ table: "outbound_emails", column: "body_ciphertext", rowId: id });

export interface QueueEmailInput {
  to: string;
  subject: string;
  body: string;
  kind: string;
  customerId?: string | null;
  grantId?: string | null;
}

/**
 * Stores the email (body encrypted, bound to its row) and asks the queue to deliver it. The row is
 * the source of truth: the minute sweep delivers anything the queue did not. Inside a transaction
 * pass `defer` and call `requestDelivery` after commit: the job must not run before the row is
 * visible, and on the embedded database the queue shares the one connection the transaction holds.
 */
export async function queueEmail(db: DbOrTx, input: QueueEmailInput, opts: { defer?: boolean } = {}): Promise<{ id: string }> {
  const id = crypto.randomUUID();
  await db.insert(outboundEmails).values({
    id,
    to: input.to,
    subject: input.subject,
    bodyCiphertext: secrets().encrypt(input.body, bodyCtx(id)),
    kind: input.kind,
    customerId: input.customerId ?? null,
    grantId: input.grantId ?? null,
  });
  if (!opts.defer) await requestDelivery([id]);
  return { id };
}

export async function requestDelivery(emailIds: string[]): Promise<void> {
  for (const id of emailIds) await enqueue(EMAIL_DELIVER_JOB, { emailId: id }, { singletonKey: id });
}

let smtp: MailTransport | undefined;
function defaultTransport(): MailTransport | null {
  if (!env.SMTP_URL) return null;
  smtp ??= nodemailer.createTransport(env.SMTP_URL);
  return smtp;
}

export type DeliveryOutcome = "sent" | "failed" | "pending" | "not_configured" | "skipped";

/**
 * Delivers one pending email. The row stays locked (SKIP LOCKED) while sending, so two portal
 * instances never send the same email twice. Without SMTP the email is marked `not_configured`
 * and stays readable on the outbox page.
 */
export async function deliverEmail(db: DbOrTx, emailId: string, opts: { now?: Date; transport?: MailTransport | null } = {}): Promise<DeliveryOutcome> {
  const now = opts.now ?? new Date();
  const transport = opts.transport === undefined ? defaultTransport() : opts.transport;
  const result = await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(outboundEmails)
      .where(and(eq(outboundEmails.id, emailId), eq(outboundEmails.status, "pending")))
      .for("update", { skipLocked: true });
    if (!row) return { outcome: "skipped" as const, row: undefined };
    if (!transport) {
      await tx.update(outboundEmails).set({ status: "not_configured" }).where(eq(outboundEmails.id, row.id));
      return { outcome: "not_configured" as const, row };
    }
    try {
      const text = secrets().decrypt(row.bodyCiphertext, bodyCtx(row.id));
      await transport.sendMail({ from: env.MAIL_FROM, to: row.to, subject: row.subject, text });
      await tx.update(outboundEmails).set({ status: "sent", sentAt: now, attempts: row.attempts + 1, lastError: null }).where(eq(outboundEmails.id, row.id));
      return { outcome: "sent" as const, row };
    } catch (err) {
      const attempts = row.attempts + 1;
      const status: "failed" | "pending" = attempts >= MAX_ATTEMPTS ? "failed" : "pending";
      // Only the error class and a short message: an SMTP error can echo the message text back.
      const lastError = `${(err as Error).name}: ${String((err as Error).message).slice(0, 200)}`;
      await tx.update(outboundEmails).set({ status, attempts, lastError }).where(eq(outboundEmails.id, row.id));
      logger.warn({ emailId: row.id, attempts }, "email delivery failed");
      return { outcome: status, row };
    }
  });
  if (result.row?.grantId && (result.outcome === "sent" || result.outcome === "not_configured")) {
    await audit(db, {
      actor: systemActor("outbox"),
      action: "grant.email_delivered",
      target: { type: "grant", id: result.row.grantId },
      customerId: result.row.customerId,
      metadata: { kind: result.row.kind, to: result.row.to, via: result.outcome === "sent" ? "smtp" : "outbox_only" },
    });
  }
  return result.outcome;
}

/** The periodic sweep: every pending email, oldest first. */
export async function deliverPendingEmails(db: DbOrTx, opts: { now?: Date; transport?: MailTransport | null; limit?: number } = {}) {
  const rows = await db
    .select({ id: outboundEmails.id })
    .from(outboundEmails)
    .where(and(eq(outboundEmails.status, "pending"), lt(outboundEmails.attempts, MAX_ATTEMPTS)))
    .orderBy(outboundEmails.createdAt)
    .limit(opts.limit ?? 50);
  const outcomes: DeliveryOutcome[] = [];
  for (const row of rows) outcomes.push(await deliverEmail(db, row.id, opts));
  return outcomes;
}

const summary = (row: OutboundEmail) => ({
  id: row.id,
  to: row.to,
  subject: row.subject,
  kind: row.kind,
  status: row.status,
  attempts: row.attempts,
  lastError: row.lastError,
  customerId: row.customerId,
  sentAt: row.sentAt,
  createdAt: row.createdAt,
});
export type OutboxSummary = ReturnType<typeof summary>;

export async function listOutbox(db: DbOrTx, q: { page: number; pageSize: number; status?: OutboundEmail["status"] }) {
  const where = q.status ? eq(outboundEmails.status, q.status) : undefined;
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(outboundEmails)
      .where(where)
      .orderBy(desc(outboundEmails.createdAt), desc(outboundEmails.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(outboundEmails).where(where),
  ]);
  return { rows: rows.map(summary), total: count?.n ?? 0 };
}

/** The full email, body decrypted: admins only (it can carry a live invite link). */
export async function readOutboxEmail(db: DbOrTx, id: string) {
  const [row] = await db.select().from(outboundEmails).where(eq(outboundEmails.id, id));
  if (!row) throw notFound("Email");
  return { ...summary(row), body: secrets().decrypt(row.bodyCiphertext, bodyCtx(row.id)) };
}

/** Puts a failed (or never configured) email back in the queue. */
export async function retryEmail(db: DbOrTx, id: string) {
  const [existing] = await db.select({ id: outboundEmails.id }).from(outboundEmails).where(eq(outboundEmails.id, id));
  if (!existing) throw notFound("Email");
  const [row] = await db
    .update(outboundEmails)
    .set({ status: "pending", attempts: 0, lastError: null })
    .where(and(eq(outboundEmails.id, id), sql`${outboundEmails.status} in ('failed', 'not_configured')`))
    .returning();
  if (!row) throw new AppError("PRECONDITION_FAILED", { userMessage: "Only a failed or undelivered email can be sent again.", reason: "not_retryable" });
  await enqueue(EMAIL_DELIVER_JOB, { emailId: id }, { singletonKey: `${id}:retry:${Date.now()}` });
  return summary(row);
}
