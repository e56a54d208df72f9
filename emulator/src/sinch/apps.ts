import type { Req, Router } from "../http";
import { guard } from "./auth";
import { credentialResponse, evaluateApp, replaceCredentials } from "./credentials";
import { invalid, notFound, readJson } from "./errors";
import { ulid } from "./ids";
import { REGIONS, type App, type Region, type SinchState } from "./state";

export const CONV = "/sinch/conversation/:region/v1/projects/:projectId";

const ENUMS: Record<string, string[]> = {
  processing_mode: ["CONVERSATION", "DISPATCH"],
  conversation_metadata_report_view: ["NONE", "FULL"],
};

/** Defaults for every writable field except display_name / channel_credentials. */
function defaults(): Record<string, unknown> {
  return {
    conversation_metadata_report_view: "NONE",
    retention_policy: { retention_type: "MESSAGE_EXPIRE_POLICY", ttl_days: 180 },
    dispatch_retention_policy: { retention_type: "MESSAGE_EXPIRE_POLICY", ttl_days: 0 },
    // The contract notes one Sinch text naming DISPATCH as the default; the emulator reproduces it so a
    // client that forgets to send processing_mode notices.
    processing_mode: "DISPATCH",
    smart_conversation: { enabled: false },
    callback_settings: { secret_for_overridden_callback_urls: "" },
    message_retry_settings: { retry_duration: 3600 },
    delivery_report_based_fallback: { enabled: false, delivery_report_waiting_time: 0 },
  };
}

const WRITABLE = ["display_name", "channel_credentials", ...Object.keys(defaults())];

export function regionOf(req: Req): Region {
  const r = req.params.region ?? "";
  if (!(REGIONS as readonly string[]).includes(r)) throw notFound(`Unknown Conversation API region "${r}"`);
  return r as Region;
}

/** An app is visible only in its project and on the regional host it was created on. */
export function findApp(state: SinchState, req: Req, appId: string): App {
  const region = regionOf(req);
  const app = state.apps.get(appId);
  if (!app || app.projectId !== req.params.projectId || app.region !== region) {
    throw notFound(`App ${appId} not found`);
  }
  evaluateApp(state, app);
  return app;
}

function setField(app: App, field: string, value: unknown): void {
  if (field === "display_name") {
    if (typeof value !== "string" || value.trim() === "") throw invalid("display_name must be a non-empty string");
    app.fields.display_name = value;
    return;
  }
  const allowed = ENUMS[field];
  if (allowed && (typeof value !== "string" || !allowed.includes(value))) {
    throw invalid(`${field}: invalid value ${JSON.stringify(value)}; expected one of ${allowed.join(", ")}`);
  }
  if (!allowed && (typeof value !== "object" || value === null || Array.isArray(value))) throw invalid(`${field} must be an object`);
  app.fields[field] = value;
}

export function appResponse(app: App): Record<string, unknown> {
  return {
    id: app.id,
    display_name: app.fields.display_name,
    channel_credentials: app.credentials.map(credentialResponse),
    ...Object.fromEntries(Object.entries(app.fields).filter(([k]) => k !== "display_name")),
    rate_limits: { inbound: 25, outbound: 25, webhooks: 25 },
    queue_stats: { outbound_size: 0, outbound_limit: 500000 },
    persist_message_status: { enabled: false },
    message_search: { enabled: false },
  };
}

/** `update_mask=a,b`, repeated `update_mask.paths=`, or nothing (= every field present in the body). */
export function parseMask(req: Req, body: Record<string, unknown>, writable: string[]): string[] {
  const raw = [...req.query.getAll("update_mask"), ...req.query.getAll("update_mask.paths")]
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
  const paths = raw.length > 0 ? [...new Set(raw.map((p) => p.split(".")[0]!))] : Object.keys(body).filter((k) => writable.includes(k));
  for (const p of paths) if (!writable.includes(p)) throw invalid(`update_mask: unknown or read-only field "${p}"`);
  return paths;
}

export function registerApps(router: Router, state: SinchState): void {
  router.add("POST", `${CONV}/apps`, (req, res) => {
    const { project } = guard(state, req, "sinch.apps.create");
    const region = regionOf(req);
    const body = readJson(req);
    if (typeof body.display_name !== "string" || body.display_name.trim() === "") throw invalid("Missing required field: display_name");
    const now = state.world.clock.now();
    const app: App = { id: ulid(now), projectId: project.id, region, fields: { display_name: "" }, credentials: [], createdAt: now };
    Object.assign(app.fields, defaults());
    for (const f of WRITABLE) {
      if (f === "channel_credentials" || body[f] === undefined) continue;
      setField(app, f, body[f]);
    }
    replaceCredentials(state, app, body.channel_credentials ?? []);
    state.apps.set(app.id, app);
    res.json(appResponse(app));
  });

  router.add("GET", `${CONV}/apps`, (req, res) => {
    const { project } = guard(state, req, "sinch.apps.list");
    const region = regionOf(req);
    const apps = [...state.apps.values()].filter((a) => a.projectId === project.id && a.region === region);
    for (const a of apps) evaluateApp(state, a);
    res.json({ apps: apps.map(appResponse) });
  });

  router.add("GET", `${CONV}/apps/:appId`, (req, res) => {
    guard(state, req, "sinch.apps.get");
    res.json(appResponse(findApp(state, req, req.params.appId!)));
  });

  router.add("PATCH", `${CONV}/apps/:appId`, (req, res) => {
    guard(state, req, "sinch.apps.update");
    const app = findApp(state, req, req.params.appId!);
    const body = readJson(req);
    const paths = parseMask(req, body, WRITABLE);
    // Validate on a copy so a rejected PATCH leaves the app untouched.
    const draft: App = { ...app, fields: { ...app.fields } };
    const base = defaults();
    for (const p of paths) {
      if (p === "channel_credentials") continue;
      if (body[p] === undefined) {
        if (p === "display_name") throw invalid("display_name cannot be cleared");
        draft.fields[p] = base[p];
      } else setField(draft, p, body[p]);
    }
    if (paths.includes("channel_credentials")) replaceCredentials(state, draft, body.channel_credentials ?? []);
    app.fields = draft.fields;
    app.credentials = draft.credentials;
    res.json(appResponse(app));
  });

  router.add("DELETE", `${CONV}/apps/:appId`, (req, res) => {
    guard(state, req, "sinch.apps.delete");
    const app = findApp(state, req, req.params.appId!);
    state.apps.delete(app.id);
    for (const [id, w] of state.webhooks) if (w.app_id === app.id) state.webhooks.delete(id);
    for (const [k, c] of state.contacts) if (c.appId === app.id) state.contacts.delete(k);
    res.json({});
  });
}
