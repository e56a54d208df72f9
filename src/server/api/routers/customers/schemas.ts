import { z } from "zod";
import { channelEnum, channelStateEnum, regionEnum } from "@/server/db/schema";
import { HEALTH_VALUES, STAGE_VALUES } from "@/server/services/customers/health";

export const regionSchema = z.enum(regionEnum.enumValues, { error: "Choose US, EU or BR." });
export const customerIdInput = z.object({ customerId: z.string().uuid("Unknown customer.") });

const name = (what: string) => z.string().trim().min(1, `Enter the ${what}.`).max(200, `Keep the ${what} under 200 characters.`);

export const customerFields = z.object({
  businessName: name("business name"),
  contactName: name("contact name"),
  contactEmail: z.string().trim().email("Enter a valid email address.").max(254),
});

export const projectKeyFields = z.object({
  projectId: z.string().trim().min(1, "Enter the Sinch project id.").max(100),
  keyId: z.string().trim().min(1, "Enter the access key id.").max(200),
  keySecret: z.string().min(1, "Enter the access key secret.").max(500),
});

export const createCustomerInput = z.discriminatedUnion(
  "projectMode",
  [
    customerFields.extend({ region: regionSchema, projectMode: z.literal("subproject") }),
    customerFields.extend({ region: regionSchema, projectMode: z.literal("existing_project") }).extend(projectKeyFields.shape),
  ],
  { error: "Choose how the Sinch project is made." },
);

export const listInput = z.object({
  search: z.string().trim().max(100).optional(),
  region: regionSchema.optional(),
  channel: z.enum(channelEnum.enumValues).optional(),
  health: z.enum(HEALTH_VALUES).optional(),
  stage: z.enum(STAGE_VALUES).optional(),
  archived: z.boolean().optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});

const channelSummary = z.object({ channel: z.enum(channelEnum.enumValues), state: z.enum(channelStateEnum.enumValues) });

export const accessSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("none") }),
  z.object({ status: z.enum(["invited", "active"]), expiresAt: z.date() }),
  z.object({ status: z.literal("ended"), endedAt: z.date(), reason: z.enum(["expired", "revoked", "completed", "superseded"]) }),
]);

const base = {
  id: z.string().uuid(),
  businessName: z.string(),
  contactName: z.string(),
  contactEmail: z.string(),
  region: regionSchema,
  projectMode: z.enum(["subproject", "existing_project"]),
  setupStatus: z.enum(["in_progress", "needs_attention", "ready"]),
  health: z.enum(HEALTH_VALUES),
  stage: z.enum(STAGE_VALUES),
  archivedAt: z.date().nullable(),
  lastActivityAt: z.date().nullable(),
  createdAt: z.date(),
  access: accessSchema,
};

export const listOutput = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  rows: z.array(z.object({ ...base, channels: z.array(channelSummary) })),
});

const stepSchema = z.object({
  step: z.enum(["project", "app", "webhook"]),
  label: z.string(),
  status: z.enum(["pending", "running", "done", "failed"]),
  resultRef: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  attempts: z.number().int(),
  updatedAt: z.date().nullable(),
  replaceChoices: z.array(z.object({ id: z.string(), target: z.string(), triggers: z.array(z.string()) })),
});

const checkItem = z.object({ done: z.boolean(), at: z.date().nullable(), by: z.string().nullable() });

export const detailOutput = z.object({
  ...base,
  project: z
    .object({
      projectId: z.string(),
      kind: z.enum(["subproject", "project"]),
      parentProjectId: z.string().nullable(),
      keyId: z.string().nullable(),
      /** "set, ends with …abcd" at most; never the secret. */
      keySecretHint: z.string().nullable(),
    })
    .nullable(),
  checklist: z.object({ invite: checkItem, remove: checkItem.extend({ due: z.boolean() }) }).nullable(),
  app: z.object({ appId: z.string(), region: regionSchema, displayName: z.string(), deletedAt: z.date().nullable() }).nullable(),
  webhook: z.object({ sinchWebhookId: z.string(), target: z.string(), triggers: z.array(z.string()), signed: z.boolean() }).nullable(),
  steps: z.array(stepSchema),
  channels: z.array(channelSummary.extend({ sinchStatus: z.string().nullable(), sinchDescription: z.string().nullable() })),
});

export const runSetupInput = customerIdInput.extend({ replaceWebhookId: z.string().min(1).max(200).optional() });
export const runSetupOutput = z.discriminatedUnion("status", [
  z.object({ status: z.literal("ready") }),
  z.object({ status: z.literal("in_progress"), step: z.enum(["project", "app", "webhook"]) }),
  z.object({ status: z.literal("needs_attention"), step: z.enum(["project", "app", "webhook"]), code: z.string(), message: z.string() }),
]);

export const timelineInput = customerIdInput.extend({ limit: z.number().int().min(1).max(200).default(100) });
export const timelineOutput = z.array(
  z.object({
    id: z.string().uuid(),
    at: z.date(),
    action: z.string(),
    actor: z.string(),
    actorType: z.enum(["user", "customer", "system"]),
    title: z.string(),
    description: z.string().nullable(),
    tone: z.enum(["success", "warning", "danger", "info", "neutral"]),
  }),
);

export const linkProjectInput = customerIdInput.extend(projectKeyFields.shape);
export const updateInput = customerIdInput.extend(customerFields.shape);
export const checklistInput = customerIdInput.extend({ item: z.enum(["invite", "remove"]), done: z.boolean() });
export const deleteAppInput = customerIdInput.extend({ confirmation: z.string().max(200) });
export const okOutput = z.object({ ok: z.literal(true) });
