import type { World } from "../world";
import type { CallbackDispatcher } from "../callbacks/dispatcher";

export const REGIONS = ["us", "eu", "br"] as const;
export type Region = (typeof REGIONS)[number];

export type CredentialStatus = "PENDING" | "ACTIVE" | "FAILING";

export interface Project {
  id: string;
  displayName: string;
  parentId?: string;
  labels: Record<string, string>;
  createdAt: number;
  updatedAt: number;
  /** Subprojects answer 404 to Conversation/Provisioning calls until this instant (warm-up). */
  readyAt: number;
  deleted: boolean;
}

export interface AccessKey {
  keyId: string;
  secret: string;
  projectId: string;
}

export interface StoredCredential {
  /** The credential exactly as the client sent it (tokens included, never returned). */
  request: Record<string, unknown>;
  channel: string;
  status: CredentialStatus;
  description?: string;
  channelKnownId?: string;
  setAt: number;
  /** Set by the control API: stays FAILING until the credential is replaced. */
  forced: boolean;
  /** Set by the control API: stays PENDING until released or replaced (catalogue S11). */
  held?: boolean;
}

export interface App {
  id: string;
  projectId: string;
  region: Region;
  /** Every AppResponse field except id and channel_credentials, snake_case as on the wire. */
  fields: Record<string, unknown>;
  credentials: StoredCredential[];
  createdAt: number;
}

export interface Webhook {
  id: string;
  projectId: string;
  app_id: string;
  target: string;
  target_type: string;
  secret: string;
  triggers: string[];
  client_credentials?: Record<string, unknown>;
}

export interface Contact {
  id: string;
  appId: string;
  channel: string;
  identity: string;
  conversationId: string;
  conversationActive: boolean;
  /** How many conversations were started; a restart after a stop gets a fresh conversation id. */
  conversationCount: number;
  lastInboundAt?: number;
  /** From the inbound control call: whether the person has a role on the Meta app (development mode, M14). */
  hasAppRole?: boolean;
  blocked: boolean;
  createdAt: number;
}

export type SenderState = "IN_PROGRESS" | "PENDING_VERIFICATION" | "ACTIVE" | "SUSPENDED" | "ERROR" | "INACTIVE";

export interface Sender {
  id: string;
  projectId: string;
  region: "EU" | "US" | "BR";
  metaLocalStorage: string;
  wabaId: string;
  phoneNumberId: string;
  bearerToken: string;
  state: SenderState;
  /** True once the IN_PROGRESS → ACTIVE/ERROR decision was taken (or the control API set a state). */
  settled: boolean;
  changes?: { status: string; details: string[] };
  displayName?: string;
  phoneNumber?: string;
  createdAt: number;
  updatedAt: number;
}

export interface OutboundRecord {
  messageId: string;
  appId: string;
  projectId: string;
  channel?: string;
  identity?: string;
  contactId?: string;
  statuses: Array<{ status: string; reason?: Record<string, string>; at: string }>;
  acceptedTime: string;
}

export interface SinchState {
  world: World;
  dispatcher: CallbackDispatcher;
  projects: Map<string, Project>;
  keys: Map<string, AccessKey>;
  tokens: Map<string, { keyId: string; expiresAt: number }>;
  apps: Map<string, App>;
  webhooks: Map<string, Webhook>;
  contacts: Map<string, Contact>;
  senders: Map<string, Sender>;
  outbound: OutboundRecord[];
  subprojectsDisabled: boolean;
  /** Control switch: sender objects leave out `bearerToken` (the staff paste fallback path). */
  omitSenderBearerToken: boolean;
  /** The same switch for the senders of these WABAs only (parallel tests each flip their own). */
  omitBearerTokenWabas: Set<string>;
  timers: Set<NodeJS.Timeout>;
}

const states = new WeakMap<World, SinchState>();

export function attachSinchState(world: World, state: SinchState): void {
  states.set(world, state);
}

/** The Sinch half's state for this world (the control API reads it through here). */
export function sinchState(world: World): SinchState {
  const s = states.get(world);
  if (!s) throw new Error("registerSinch() has not been called for this world");
  return s;
}

/** Timers are unref'd so a test process never hangs on a pending activation or retry. */
export function schedule(state: SinchState, ms: number, fn: () => void): void {
  const t = setTimeout(() => {
    state.timers.delete(t);
    fn();
  }, Math.max(0, ms));
  t.unref();
  state.timers.add(t);
}

export function contactKey(appId: string, channel: string, identity: string): string {
  return `${appId}|${channel}|${identity}`;
}

export function defaultProjectFromEnv(env: NodeJS.ProcessEnv = process.env): AccessKey {
  return {
    projectId: env.EMULATOR_SINCH_PROJECT_ID || "emu-parent-project",
    keyId: env.EMULATOR_SINCH_KEY_ID || "emu-key-id",
    secret: env.EMULATOR_SINCH_KEY_SECRET || "emu-key-secret",
  };
}

export function resetSinchState(state: SinchState): void {
  for (const t of state.timers) clearTimeout(t);
  state.timers.clear();
  state.dispatcher.reset();
  state.projects.clear();
  state.keys.clear();
  state.tokens.clear();
  state.apps.clear();
  state.webhooks.clear();
  state.contacts.clear();
  state.senders.clear();
  state.outbound.length = 0;
  state.subprojectsDisabled = false;
  state.omitSenderBearerToken = false;
  state.omitBearerTokenWabas.clear();
  const def = defaultProjectFromEnv();
  const now = state.world.clock.now();
  state.projects.set(def.projectId, {
    id: def.projectId,
    displayName: "Emulator parent project",
    labels: {},
    createdAt: now,
    updatedAt: now,
    readyAt: now,
    deleted: false,
  });
  state.keys.set(def.keyId, def);
}
