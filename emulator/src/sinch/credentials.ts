import { invalid } from "./errors";
import { emit } from "./events";
import { schedule, type App, type CredentialStatus, type SinchState, type StoredCredential } from "./state";

export const CHANNELS = [
  "WHATSAPP", "RCS", "SMS", "MESSENGER", "VIBERBM", "MMS", "INSTAGRAM", "TELEGRAM",
  "KAKAOTALK", "KAKAOTALKCHAT", "LINE", "WECHAT", "APPLEBC",
] as const;

const REQUIRED_SCOPES: Record<string, string[]> = {
  MESSENGER: ["pages_messaging", "pages_manage_metadata"],
  INSTAGRAM: ["instagram_basic", "instagram_manage_messages", "pages_manage_metadata"],
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function nestedString(c: Obj, outer: string, inner: string): string | undefined {
  const o = c[outer];
  if (!isObj(o)) return undefined;
  const v = o[inner];
  return typeof v === "string" && v !== "" ? v : undefined;
}

export function credentialToken(c: Obj): string | undefined {
  return nestedString(c, "static_token", "token") ?? nestedString(c, "instagram_credentials", "token") ?? nestedString(c, "static_bearer", "token");
}

/** First-stage validation of one `channel_credentials[]` entry (HTTP 400 on failure). */
export function validateCredentialRequest(raw: unknown, index: number): Obj {
  if (!isObj(raw)) throw invalid(`channel_credentials[${index}] must be an object`);
  const channel = raw.channel;
  if (typeof channel !== "string" || !(CHANNELS as readonly string[]).includes(channel)) {
    throw invalid(`channel_credentials[${index}].channel: invalid value ${JSON.stringify(channel)}`);
  }
  if (raw.callback_secret !== undefined && (typeof raw.callback_secret !== "string" || raw.callback_secret.length > 256)) {
    throw invalid(`channel_credentials[${index}].callback_secret must be a string of at most 256 characters`);
  }
  const need = (outer: string, inner: string) => {
    if (!nestedString(raw, outer, inner)) throw invalid(`channel_credentials[${index}].${outer}.${inner} is required for ${channel}`);
  };
  if (channel === "MESSENGER") need("static_token", "token");
  if (channel === "INSTAGRAM") need("instagram_credentials", "token");
  if (channel === "WHATSAPP") {
    need("static_bearer", "claimed_identity");
    need("static_bearer", "token");
  }
  return raw;
}

/** Builds the stored array; an entry identical to an existing one keeps its state (no re-validation). */
export function replaceCredentials(state: SinchState, app: App, raws: unknown): void {
  if (!Array.isArray(raws)) throw invalid("channel_credentials must be an array");
  const seen = new Set<string>();
  const next: StoredCredential[] = raws.map((raw, i) => {
    const req = validateCredentialRequest(raw, i);
    const slot = `${String(req.channel)}#${String(req.credential_ordinal_number ?? 0)}`;
    if (seen.has(slot)) throw invalid(`channel_credentials: duplicate credential for channel ${String(req.channel)}`);
    seen.add(slot);
    const same = app.credentials.find((c) => JSON.stringify(c.request) === JSON.stringify(req));
    if (same) return same;
    const cred: StoredCredential = { request: req, channel: String(req.channel), status: "PENDING", setAt: state.world.clock.now(), forced: false };
    if (cred.channel === "MESSENGER") resolvePageId(state, cred);
    return cred;
  });
  app.credentials = next;
  if (next.some((c) => c.status === "PENDING")) {
    schedule(state, state.world.config.credentialActivationDelayMs + 5, () => {
      const current = state.apps.get(app.id);
      if (current) evaluateApp(state, current);
    });
  }
}

/** Meta messages sometimes already carry the `(#code)` prefix; Sinch shows them in that form. */
export function metaText(v: { code: number; message: string }): string {
  return v.message.startsWith("(#") ? v.message : `(#${v.code}) ${v.message}`;
}

/**
 * Sinch learns the Page behind a Page token by asking Graph `/me`, as the real service does; the
 * result becomes `channel_known_id` and the asset Messenger sends go out from.
 */
function resolvePageId(state: SinchState, cred: StoredCredential): void {
  const token = credentialToken(cred.request);
  if (!token) return;
  const url = `${state.world.config.origin}/graph/v22.0/me?fields=id,name&access_token=${encodeURIComponent(token)}`;
  void fetch(url, { signal: AbortSignal.timeout(3000) })
    .then(async (r) => (r.ok ? ((await r.json()) as { id?: unknown }) : undefined))
    .then((me) => {
      if (me && typeof me.id === "string") cred.channelKnownId = me.id;
    })
    .catch(() => undefined);
}

interface Decision {
  status: CredentialStatus;
  description?: string;
  knownId?: string;
}

function decide(state: SinchState, app: App, cred: StoredCredential): Decision {
  const req = cred.request;
  const token = credentialToken(req) ?? "";
  try {
    if (cred.channel === "MESSENGER") {
      const v = state.world.meta.checkToken(token, REQUIRED_SCOPES.MESSENGER!);
      if (!v.ok) return { status: "FAILING", description: `Failed to validate Facebook Page token: ${metaText(v)}` };
      return { status: "ACTIVE", knownId: cred.channelKnownId ?? v.userId };
    }
    if (cred.channel === "INSTAGRAM") {
      const igId = nestedString(req, "instagram_credentials", "business_account_id");
      if (!igId) return { status: "FAILING", description: "Instagram business_account_id is required when using the Sinch Facebook App" };
      const v = state.world.meta.checkToken(token, REQUIRED_SCOPES.INSTAGRAM!);
      if (!v.ok) return { status: "FAILING", description: `Failed to exchange Instagram token: ${metaText(v)}` };
      return { status: "ACTIVE", knownId: igId };
    }
    if (cred.channel === "WHATSAPP") {
      const senderId = nestedString(req, "static_bearer", "claimed_identity") ?? "";
      const sender = state.senders.get(senderId);
      if (!sender || sender.projectId !== app.projectId) {
        return { status: "FAILING", description: `WhatsApp sender ${senderId} not found in project ${app.projectId}` };
      }
      if (sender.bearerToken !== token) return { status: "FAILING", description: `Invalid bearer token for WhatsApp sender ${senderId}` };
      if (sender.state !== "ACTIVE") return { status: "FAILING", description: `WhatsApp sender ${senderId} is ${sender.state}` };
      return { status: "ACTIVE", knownId: sender.phoneNumber ?? senderId };
    }
  } catch (err) {
    return { status: "FAILING", description: `Credential validation failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  return { status: "ACTIVE" };
}

/**
 * Lazy state machine, run on every read and by the activation timer: PENDING becomes ACTIVE/FAILING
 * once the activation delay has passed; an ACTIVE credential is re-checked so a token invalidated at
 * Meta later turns FAILING (catalogue M7). A failing Meta token stays FAILING until it is replaced.
 */
export function evaluateApp(state: SinchState, app: App): void {
  const now = state.world.clock.now();
  for (const cred of app.credentials) {
    // A WhatsApp credential follows its sender (SUSPENDED can return to ACTIVE); Meta tokens never heal.
    if (cred.forced || (cred.status === "FAILING" && cred.channel !== "WHATSAPP")) continue;
    if (cred.status === "PENDING" && now - cred.setAt < state.world.config.credentialActivationDelayMs) continue;
    const d = decide(state, app, cred);
    if (cred.status === d.status && cred.description === d.description) continue;
    setCredentialState(state, app, cred, d.status, d.description, d.knownId);
  }
}

export function setCredentialState(
  state: SinchState,
  app: App,
  cred: StoredCredential,
  status: CredentialStatus,
  description?: string,
  knownId?: string,
): void {
  const changed = cred.status !== status || cred.description !== description;
  cred.status = status;
  cred.description = description;
  if (knownId !== undefined) cred.channelKnownId = knownId;
  if (!changed) return;
  emit(state, app, "CHANNEL_EVENT", "channel_event_notification", {
    channel_event: {
      channel: cred.channel,
      event_type: "CREDENTIAL_STATE_CHANGED",
      additional_data: { status, ...(description ? { description } : {}), ...(cred.channelKnownId ? { channel_known_id: cred.channelKnownId } : {}) },
    },
  });
}

function stripTokens(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripTokens);
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) if (k !== "token") out[k] = stripTokens(v);
  return out;
}

/** Response shape: request fields without any `token`, plus `state` and `channel_known_id`. */
export function credentialResponse(cred: StoredCredential): Obj {
  const out = stripTokens(cred.request) as Obj;
  if (out.credential_ordinal_number === undefined) out.credential_ordinal_number = 0;
  out.state = { status: cred.status, ...(cred.description ? { description: cred.description } : {}) };
  if (cred.channelKnownId) out.channel_known_id = cred.channelKnownId;
  return out;
}
