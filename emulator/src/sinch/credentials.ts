import { invalid } from "./errors";
import { emit } from "./events";
import { schedule, type App, type CredentialStatus, type SinchState, type StoredCredential } from "./state";

export const CHANNELS = [
  "WHATSAPP", "RCS", "SMS", "MESSENGER", "VIBERBM", "MMS", "INSTAGRAM", "TELEGRAM",
  "KAKAOTALK", "KAKAOTALKCHAT", "LINE", "WECHAT", "APPLEBC",
] as const;

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

interface Decision {
  status: CredentialStatus;
  description?: string;
  knownId?: string;
  /** Meta rejected the token itself (190 / 104), as opposed to an asset or scope problem. */
  tokenDead?: boolean;
}

const LABEL = { MESSENGER: "Failed to validate Facebook Page token", INSTAGRAM: "Failed to exchange Instagram token" } as const;

function decide(state: SinchState, app: App, cred: StoredCredential): Decision {
  const req = cred.request;
  const token = credentialToken(req) ?? "";
  try {
    if (cred.channel === "MESSENGER" || cred.channel === "INSTAGRAM") {
      const igId = nestedString(req, "instagram_credentials", "business_account_id");
      if (cred.channel === "INSTAGRAM" && !igId) {
        return { status: "FAILING", description: "Instagram business_account_id is required when using the Sinch Facebook App" };
      }
      // Sinch asks Graph which asset the token acts for (`/me` answers a Page token with the Page).
      const v = state.world.meta.checkCredential(cred.channel, token, igId);
      if (!v.ok) return { status: "FAILING", description: `${LABEL[cred.channel]}: ${metaText(v)}`, tokenDead: v.code === 190 || v.code === 104 };
      return { status: "ACTIVE", knownId: v.assetId };
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
    if (cred.forced || cred.held || (cred.status === "FAILING" && cred.channel !== "WHATSAPP")) continue;
    if (cred.status === "PENDING" && now - cred.setAt < state.world.config.credentialActivationDelayMs) continue;
    const d = decide(state, app, cred);
    // Sinch does not re-validate assets of a working channel; only a dead token shows up before a send.
    if (cred.status === "ACTIVE" && cred.channel !== "WHATSAPP" && d.status === "FAILING" && !d.tokenDead) continue;
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
  if (status === "ACTIVE" && cred.channelKnownId && (cred.channel === "MESSENGER" || cred.channel === "INSTAGRAM")) {
    try {
      state.world.meta.subscribeAsset(cred.channel, cred.channelKnownId);
    } catch {
      // A Meta-side failure to subscribe only means no inbound, which is the M3 symptom itself.
    }
  }
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
