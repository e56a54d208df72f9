import type { Router } from "../http";
import { CONV, findApp, parseMask, regionOf } from "./apps";
import { guard } from "./auth";
import { invalid, notFound, readJson } from "./errors";
import { ulid } from "./ids";
import type { SinchState, Webhook } from "./state";

export const TRIGGERS = [
  "MESSAGE_DELIVERY", "MESSAGE_SUBMIT", "MESSAGE_INBOUND", "EVENT_DELIVERY", "EVENT_INBOUND", "SMART_CONVERSATIONS",
  "MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION", "CONVERSATION_START", "CONVERSATION_STOP", "CONVERSATION_DELETE",
  "CONTACT_CREATE", "CONTACT_DELETE", "CONTACT_MERGE", "CONTACT_UPDATE", "CONTACT_IDENTITIES_DUPLICATION", "UNSUPPORTED",
  "OPT_IN", "OPT_OUT", "CHANNEL_EVENT", "CAPABILITY", "RECORD_NOTIFICATION",
];

const MAX_PER_APP = 5;
const WRITABLE = ["target", "target_type", "secret", "triggers", "client_credentials"];

function validateTarget(v: unknown): string {
  if (typeof v !== "string" || v === "") throw invalid("Missing required field: target");
  if (v.length > 742) throw invalid("target must be at most 742 characters");
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw invalid(`target is not a valid URL: ${v}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw invalid("target must be an http(s) URL");
  if (/(^|\.)conversation-api\.[^.]+\.sinch\.com$/i.test(url.hostname) || /conversation-api.*\.sinch\.com$/i.test(url.hostname)) {
    throw invalid("target must not point at a Conversation API host");
  }
  return v;
}

function validateTriggers(v: unknown): string[] {
  if (!Array.isArray(v) || v.length === 0) throw invalid("triggers must be a non-empty array");
  for (const t of v) {
    if (t === "UNSPECIFIED_TRIGGER") throw invalid("Trigger UNSPECIFIED_TRIGGER is not allowed");
    if (typeof t !== "string" || !TRIGGERS.includes(t)) throw invalid(`Unknown trigger ${JSON.stringify(t)}`);
  }
  return [...new Set(v as string[])];
}

function validateClientCredentials(v: unknown): Record<string, unknown> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "object" || Array.isArray(v)) throw invalid("client_credentials must be an object");
  const cc = v as Record<string, unknown>;
  for (const f of ["client_id", "client_secret", "endpoint"]) {
    if (typeof cc[f] !== "string" || cc[f] === "") throw invalid(`client_credentials.${f} is required`);
  }
  if (cc.token_request_type !== undefined && !["BASIC", "FORM"].includes(String(cc.token_request_type))) {
    throw invalid("client_credentials.token_request_type must be BASIC or FORM");
  }
  return cc;
}

function apply(w: Webhook, field: string, value: unknown): void {
  if (field === "target") w.target = validateTarget(value);
  else if (field === "triggers") w.triggers = validateTriggers(value);
  else if (field === "target_type") {
    const t = value ?? "HTTP";
    if (t !== "HTTP" && t !== "DISMISS") throw invalid("target_type must be HTTP or DISMISS");
    w.target_type = t;
  } else if (field === "secret") {
    if (value !== undefined && value !== null && typeof value !== "string") throw invalid("secret must be a string");
    w.secret = (value as string | undefined) ?? "";
  } else if (field === "client_credentials") w.client_credentials = validateClientCredentials(value);
}

export function webhookResponse(w: Webhook): Record<string, unknown> {
  return {
    id: w.id,
    app_id: w.app_id,
    target: w.target,
    target_type: w.target_type,
    ...(w.secret ? { secret: w.secret } : {}),
    triggers: w.triggers,
    ...(w.client_credentials ? { client_credentials: w.client_credentials } : {}),
  };
}

function assertLimits(state: SinchState, w: Webhook): void {
  const siblings = [...state.webhooks.values()].filter((o) => o.app_id === w.app_id && o.id !== w.id);
  if (siblings.some((o) => o.target === w.target)) throw invalid(`A webhook with target ${w.target} already exists for app ${w.app_id}`);
  if (!state.webhooks.has(w.id) && siblings.length >= MAX_PER_APP) {
    throw invalid(`App ${w.app_id} already has the maximum of ${MAX_PER_APP} webhooks`);
  }
}

export function registerWebhooks(router: Router, state: SinchState): void {
  const find = (projectId: string, region: string, id: string): Webhook => {
    const w = state.webhooks.get(id);
    const app = w ? state.apps.get(w.app_id) : undefined;
    if (!w || !app || w.projectId !== projectId || app.region !== region) throw notFound(`Webhook ${id} not found`);
    return w;
  };

  router.add("POST", `${CONV}/webhooks`, (req, res) => {
    const { project } = guard(state, req, "sinch.webhooks.create");
    const body = readJson(req);
    if (typeof body.app_id !== "string" || body.app_id === "") throw invalid("Missing required field: app_id");
    const app = findApp(state, req, body.app_id);
    const w: Webhook = { id: ulid(state.world.clock.now()), projectId: project.id, app_id: app.id, target: "", target_type: "HTTP", secret: "", triggers: [] };
    for (const f of WRITABLE) apply(w, f, body[f]);
    assertLimits(state, w);
    state.webhooks.set(w.id, w);
    res.json(webhookResponse(w));
  });

  router.add("GET", `${CONV}/apps/:appId/webhooks`, (req, res) => {
    guard(state, req, "sinch.webhooks.list");
    const app = findApp(state, req, req.params.appId!);
    res.json({ webhooks: [...state.webhooks.values()].filter((w) => w.app_id === app.id).map(webhookResponse) });
  });

  router.add("GET", `${CONV}/webhooks/:webhookId`, (req, res) => {
    guard(state, req, "sinch.webhooks.get");
    res.json(webhookResponse(find(req.params.projectId!, regionOf(req), req.params.webhookId!)));
  });

  router.add("PATCH", `${CONV}/webhooks/:webhookId`, (req, res) => {
    guard(state, req, "sinch.webhooks.update");
    const w = find(req.params.projectId!, regionOf(req), req.params.webhookId!);
    const body = readJson(req);
    // Sinch's Webhook resource requires app_id and target on update too (SDK UpdateWebhookRequestBody
    // requires target; its update example sends app_id and target with the mask). Fields outside the
    // mask are not applied: the stored target stays unless "target" is masked.
    if (typeof body.app_id !== "string" || body.app_id === "") throw invalid("Missing required field: app_id");
    if (typeof body.target !== "string" || body.target === "") throw invalid("Missing required field: target");
    if (body.app_id !== w.app_id) throw invalid(`app_id ${body.app_id} does not match the webhook's app`);
    const draft: Webhook = { ...w, triggers: [...w.triggers] };
    for (const p of parseMask(req, body, WRITABLE)) apply(draft, p, body[p]);
    assertLimits(state, draft);
    Object.assign(w, draft);
    res.json(webhookResponse(w));
  });

  router.add("DELETE", `${CONV}/webhooks/:webhookId`, (req, res) => {
    guard(state, req, "sinch.webhooks.delete");
    const w = find(req.params.projectId!, regionOf(req), req.params.webhookId!);
    state.webhooks.delete(w.id);
    res.json({});
  });
}
