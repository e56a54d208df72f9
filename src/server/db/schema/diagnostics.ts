import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { channelConnections, channelEnum } from "./channels";
import { customers } from "./customers";

export const healthVerdictEnum = pgEnum("health_verdict", ["healthy", "warning", "broken"]);
export type HealthVerdict = (typeof healthVerdictEnum.enumValues)[number];

/**
 * One diagnosis of one channel. `checks` is the engine's output exactly as shown (secret-free by
 * construction and scrubbed again before insert), so a past run can be reopened as it was.
 */
export const diagnosticRuns = pgTable(
  "diagnostic_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    connectionId: uuid().references(() => channelConnections.id, { onDelete: "set null" }),
    channel: channelEnum().notNull(),
    checks: jsonb().$type<unknown[]>().notNull(),
    overall: healthVerdictEnum().notNull(),
    mainReason: text(),
    trigger: text({ enum: ["manual", "sweep", "fix"] }).notNull(),
    actorLabel: text().notNull(),
    durationMs: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("diagnostic_runs_channel_idx").on(t.customerId, t.channel, t.createdAt.desc()), index("diagnostic_runs_created_idx").on(t.createdAt)],
);
export type DiagnosticRun = typeof diagnosticRuns.$inferSelect;

/** The latest verdict per channel plus what the notifications already told whom (sent once per episode). */
export const channelHealth = pgTable(
  "channel_health",
  {
    connectionId: uuid()
      .primaryKey()
      .references(() => channelConnections.id, { onDelete: "cascade" }),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    channel: channelEnum().notNull(),
    verdict: healthVerdictEnum().notNull(),
    mainReason: text(),
    mainOwner: text(),
    lastRunId: uuid(),
    lastRunAt: timestamp({ withTimezone: true }).notNull(),
    brokenSince: timestamp({ withTimezone: true }),
    reconnectRequired: boolean().notNull().default(false),
    /** When staff were told this episode is broken; cleared when the channel is healthy again. */
    staffNotifiedAt: timestamp({ withTimezone: true }),
    /** When the customer got the "reconnect" email for this episode. */
    customerNotifiedAt: timestamp({ withTimezone: true }),
    /** The `data_access_expires_at` a 14-day reminder was sent for (a new login gets a new one). */
    dataAccessReminderFor: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("channel_health_verdict_idx").on(t.verdict, t.lastRunAt)],
);
export type ChannelHealthRow = typeof channelHealth.$inferSelect;

/** A bulk sweep of every connected channel, with progress the overview polls. */
export const diagnosticSweeps = pgTable("diagnostic_sweeps", {
  id: uuid().primaryKey().defaultRandom(),
  status: text({ enum: ["running", "done"] }).notNull().default("running"),
  total: integer().notNull().default(0),
  done: integer().notNull().default(0),
  failed: integer().notNull().default(0),
  broken: integer().notNull().default(0),
  startedBy: text().notNull(),
  startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp({ withTimezone: true }),
});
export type DiagnosticSweep = typeof diagnosticSweeps.$inferSelect;
