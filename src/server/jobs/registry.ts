import { sendExpiryReminders, sweepExpiredGrants } from "@/server/services/access/lifecycle";
import { deliverEmail, deliverPendingEmails, EMAIL_DELIVER_JOB } from "@/server/services/outbox";
import { CHANNEL_POLL_JOB, CHANNEL_POLL_SWEEP_JOB, pollJob, pollSweep } from "@/server/services/channels/poll";
import { purgeInbox } from "@/server/services/inbox/retention";
import { sendChecklistReminders } from "@/server/services/customers/checklist";
import { REMINDER_JOB, sendDataAccessReminders } from "@/server/services/diagnostics/reminders";
import { runSweep, scheduledSweep, SWEEP_JOB, SWEEP_RUN_JOB } from "@/server/services/diagnostics/sweep";
import { eventJobDefinitions } from "@/server/services/events/jobs";
import { API_PURGE_JOB, purgeApiRows } from "@/server/api-v1/purge";
import type { JobDefinition } from "./types";

/**
 * Every background job, collected here for `jobs/index.ts` to start. Services never import this
 * module: they queue work through the enqueue port (`jobs/queue.ts`), which knows no handler. Handlers are thin: they call a service function that tests also call
 * directly, so the queue is only scheduling.
 */
export const jobDefinitions: JobDefinition[] = [
  // Access (issue 5): expiry trail + staff notice, 24-h reminder, outbox delivery with a sweep.
  { name: "access.expire", cron: "* * * * *", concurrency: 1, handler: async (_data, ctx) => void (await sweepExpiredGrants(ctx.db, ctx.now())) },
  { name: "access.remind", cron: "*/5 * * * *", concurrency: 1, handler: async (_data, ctx) => void (await sendExpiryReminders(ctx.db, ctx.now())) },
  { name: EMAIL_DELIVER_JOB, concurrency: 2, handler: async (data, ctx) => void (await deliverEmail(ctx.db, String(data.emailId), { now: ctx.now() })) },
  { name: "email.sweep", cron: "* * * * *", concurrency: 1, handler: async (_data, ctx) => void (await deliverPendingEmails(ctx.db, { now: ctx.now() })) },
  // Channels (issue 6): follow a credential / WhatsApp sender until ACTIVE or FAILING, with backoff; sweep as a safety net.
  { name: CHANNEL_POLL_JOB, concurrency: 4, handler: async (data, ctx) => void (await pollJob(ctx.db, data)) },
  { name: CHANNEL_POLL_SWEEP_JOB, cron: "* * * * *", concurrency: 1, handler: async (_data, ctx) => void (await pollSweep(ctx.db, ctx.now())) },
  // Inbox (issue 7): retention (`inbox.retentionDays`) and the 24-h nonce window, hourly.
  { name: "inbox.purge", cron: "17 * * * *", concurrency: 1, handler: async (_data, ctx) => void (await purgeInbox(ctx.db, ctx.now())) },
  // Customers (issue 4): remind staff of pending Sinch dashboard invite/removal steps of linked projects.
  { name: "customers.checklist-reminders", cron: "41 * * * *", concurrency: 1, handler: async (_data, ctx) => void (await sendChecklistReminders(ctx.db, ctx.now())) },
  // Diagnostics (issue 8): health sweep of every channel (bounded concurrency, backoff per channel), staff-started sweeps, 14-day data-access reminders.
  { name: SWEEP_JOB, cron: "*/30 * * * *", concurrency: 1, handler: async (_data, ctx) => void (await scheduledSweep(ctx.db)) },
  { name: SWEEP_RUN_JOB, concurrency: 1, handler: async (data, ctx) => void (await runSweep(ctx.db, String(data.sweepId))) },
  { name: REMINDER_JOB, cron: "7 * * * *", concurrency: 1, handler: async (_data, ctx) => void (await sendDataAccessReminders(ctx.db, ctx.now())) },
  ...eventJobDefinitions,
  // REST API (issue 17): idempotency answers (kept 24 h) and finished rate-limit windows.
  { name: API_PURGE_JOB, cron: "23 * * * *", concurrency: 1, handler: async (_data, ctx) => void (await purgeApiRows(ctx.db, ctx.now())) },
];
