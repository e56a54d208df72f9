import { z } from "zod";
import { channels } from "@/server/db/schema/channels";
import { FIX_ACTIONS, OWNERS } from "@/server/services/diagnostics/engine/types";

export const channelInput = z.enum(channels, { error: "Choose a channel." });
export const customerChannelInput = z.object({ customerId: z.uuid("Unknown customer."), channel: channelInput });

const verdict = z.enum(["pass", "warn", "fail", "skip"]);
const overall = z.enum(["healthy", "warning", "broken"]);
const owner = z.enum(OWNERS);

/** A check as the browser sees it: plain text and codes only (the engine never puts a secret here). */
export const checkSchema = z.object({
  id: z.string(),
  title: z.string(),
  source: z.enum(["sinch", "meta", "portal"]),
  verdict,
  evidence: z.object({ text: z.string(), codes: z.array(z.string()) }),
  owner,
  catalogueRow: z.string().nullable(),
  guidance: z.string().optional(),
  fix: z.object({ action: z.enum(FIX_ACTIONS), label: z.string(), confirm: z.string().optional() }).optional(),
});

export const runSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  channel: channelInput,
  overall,
  mainReason: z.string().nullable(),
  checks: z.array(checkSchema),
  trigger: z.enum(["manual", "sweep", "fix"]),
  actorLabel: z.string(),
  durationMs: z.number().int(),
  createdAt: z.date(),
});

export const latestOutput = z.object({
  customer: z.object({ id: z.uuid(), name: z.string(), contactEmail: z.string() }),
  connection: z
    .object({ state: z.string(), pageName: z.string().nullable(), igUsername: z.string().nullable(), displayPhoneNumber: z.string().nullable(), tokenExpiresAt: z.date().nullable(), dataAccessExpiresAt: z.date().nullable() })
    .nullable(),
  run: runSchema.nullable(),
  history: z.array(z.object({ id: z.uuid(), overall, mainReason: z.string().nullable(), trigger: z.enum(["manual", "sweep", "fix"]), actorLabel: z.string(), createdAt: z.date() })),
});

export const overviewInput = z.object({ verdict: z.enum(["healthy", "warning", "broken", "unchecked"]).optional(), search: z.string().trim().max(200).optional() });
export const overviewOutput = z.object({
  counts: z.object({ healthy: z.number().int(), warning: z.number().int(), broken: z.number().int(), unchecked: z.number().int() }),
  rows: z.array(
    z.object({
      customerId: z.uuid(),
      customerName: z.string(),
      channel: channelInput,
      connectionState: z.string(),
      verdict: z.enum(["healthy", "warning", "broken", "unchecked"]),
      mainReason: z.string().nullable(),
      mainOwner: z.string().nullable(),
      lastRunAt: z.date().nullable(),
      brokenSince: z.date().nullable(),
      reconnectRequired: z.boolean(),
      silent: z.boolean(),
      expiry: z.object({ at: z.date(), daysLeft: z.number().int(), kind: z.enum(["token", "data_access"]) }).nullable(),
    }),
  ),
});

export const applyFixInput = customerChannelInput.extend({
  action: z.enum(["send_reconnect_link", "repair_webhook", "free_webhook_slot", "rotate_webhook_secret", "resubscribe_asset", "probe_regions"]),
  webhookId: z.string().trim().min(1).max(200).optional(),
  email: z.email("Enter a valid email address.").max(254).optional(),
});
export const applyFixOutput = z.object({ action: applyFixInput.shape.action, summary: z.string(), run: runSchema.nullable() });

export const bundleOutput = z.object({ text: z.string(), generatedAt: z.date() });
export const webhooksOutput = z.array(z.object({ id: z.string(), target: z.string(), triggers: z.array(z.string()) }));

const region = z.enum(["us", "eu", "br"]);
export const regionsOutput = z.object({
  stored: region,
  found: z.array(region),
  corrected: region.nullable(),
  probes: z.array(z.object({ region, outcome: z.enum(["found", "absent", "error"]), code: z.string().optional() })),
});

export const sweepSchema = z.object({
  id: z.uuid(),
  status: z.enum(["running", "done"]),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  broken: z.number().int(),
  startedBy: z.string(),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
});

export const catalogueInput = z.object({ query: z.string().trim().max(200).optional(), kind: z.enum(["sinch_reason", "sinch_state", "sinch_http", "meta", "whatsapp"]).optional() });
export const catalogueOutput = z.object({
  rows: z.array(z.object({ id: z.string(), symptom: z.string(), cause: z.string(), who: z.array(owner), how: z.string() })),
  codes: z.array(z.object({ code: z.string(), kind: catalogueInput.shape.kind.unwrap(), title: z.string(), cause: z.string(), who: z.array(owner), how: z.string(), rows: z.array(z.string()) })),
});
