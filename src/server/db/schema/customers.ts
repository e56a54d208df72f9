import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const regionEnum = pgEnum("region", ["us", "eu", "br"]);
export type Region = (typeof regionEnum.enumValues)[number];
export const projectModeEnum = pgEnum("project_mode", ["subproject", "existing_project"]);
export type ProjectMode = (typeof projectModeEnum.enumValues)[number];
/** Where the guided setup (project → app → webhook) stands; denormalised so the directory can filter on it. */
export const setupStatusEnum = pgEnum("customer_setup_status", ["in_progress", "needs_attention", "ready"]);
export type SetupStatus = (typeof setupStatusEnum.enumValues)[number];

export const customers = pgTable(
  "customers",
  {
    id: uuid().primaryKey().defaultRandom(),
    businessName: text().notNull(),
    contactName: text().notNull(),
    contactEmail: text().notNull(),
    region: regionEnum().notNull(),
    projectMode: projectModeEnum().notNull(),
    /** Human Agent approved for the Meta app that owns the token: allows 7-day replies on IG/Messenger. */
    humanAgentApproved: boolean().notNull().default(false),
    setupStatus: setupStatusEnum().notNull().default("in_progress"),
    archivedAt: timestamp({ withTimezone: true }),
    lastActivityAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("customers_created_idx").on(t.createdAt),
    index("customers_name_search_idx").on(sql`lower(${t.businessName})`),
    index("customers_region_idx").on(t.region, t.createdAt),
    index("customers_setup_status_idx").on(t.setupStatus, t.createdAt),
    index("customers_archived_idx").on(t.archivedAt),
    index("customers_activity_idx").on(t.lastActivityAt),
  ],
);
export type Customer = typeof customers.$inferSelect;

/** The customer's Sinch project: a subproject we created, or a top-level project staff linked. */
export const sinchProjects = pgTable("sinch_projects", {
  id: uuid().primaryKey().defaultRandom(),
  customerId: uuid()
    .notNull()
    .unique()
    .references(() => customers.id, { onDelete: "cascade" }),
  projectId: text().notNull(),
  kind: text({ enum: ["subproject", "project"] }).notNull(),
  parentProjectId: text(),
  /** Only for a linked top-level project: its own access key (secret encrypted, bound to this row). */
  keyId: text(),
  keySecretCiphertext: text(),
  keySecretHint: text(),
  /** Dashboard checklist for linked projects: invite the customer as Limited member, then remove them. */
  dashboardInvitedAt: timestamp({ withTimezone: true }),
  dashboardInvitedBy: text(),
  dashboardRemovedAt: timestamp({ withTimezone: true }),
  dashboardRemovedBy: text(),
  /** Last checklist reminder sent to staff, so the sweep reminds once per step. */
  dashboardReminderSentAt: timestamp({ withTimezone: true }),
  dashboardReminderStep: text({ enum: ["invite", "remove"] }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
export type SinchProject = typeof sinchProjects.$inferSelect;

export const conversationApps = pgTable("conversation_apps", {
  id: uuid().primaryKey().defaultRandom(),
  customerId: uuid()
    .notNull()
    .unique()
    .references(() => customers.id, { onDelete: "cascade" }),
  appId: text().notNull().unique(),
  /** Fixed at creation: every Conversation URL is built from it. */
  region: regionEnum().notNull(),
  displayName: text().notNull(),
  deletedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
export type ConversationApp = typeof conversationApps.$inferSelect;

export const webhooks = pgTable(
  "webhooks",
  {
    id: uuid().primaryKey().defaultRandom(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    appId: text().notNull(),
    sinchWebhookId: text().notNull(),
    target: text().notNull(),
    triggers: text().array().notNull(),
    /** Signing secret, encrypted; null only for a webhook deliberately left unsigned. */
    secretCiphertext: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("webhooks_app_unique").on(t.appId)],
);
export type WebhookRow = typeof webhooks.$inferSelect;

export const setupStepEnum = pgEnum("setup_step", ["project", "app", "webhook"]);
export type SetupStep = (typeof setupStepEnum.enumValues)[number];
export const stepStatusEnum = pgEnum("step_status", ["pending", "running", "done", "failed"]);

/** Result of each external step of customer creation, so a retry continues where it stopped. */
export const setupSteps = pgTable(
  "setup_steps",
  {
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    step: setupStepEnum().notNull(),
    status: stepStatusEnum().notNull().default("pending"),
    /** The Sinch id the step produced (subproject id, app id, webhook id). */
    resultRef: text(),
    errorCode: text(),
    errorMessage: text(),
    attempts: integer().notNull().default(0),
    details: jsonb().$type<Record<string, unknown>>(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.step] })],
);
export type SetupStepRow = typeof setupSteps.$inferSelect;
