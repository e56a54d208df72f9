import { IntegrationError, type IntegrationErrorCode } from "../errors";
import { scrubText } from "../logger";

export interface GraphErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  fbtrace_id?: string;
}

interface Rule {
  code: IntegrationErrorCode;
  retryable?: boolean;
  userMessage?: string;
}

const CHECKPOINT: Rule = {
  code: "token_invalid",
  userMessage: "Facebook needs the account owner to log in at facebook.com and confirm the account, then reconnect.",
};
const MEDIA: Rule = { code: "invalid_argument", userMessage: "The attachment could not be sent (too big, unreachable or failed to upload)." };
const RATE: Rule = { code: "rate_limited", retryable: true };
const NOT_REGISTERED: Rule = { code: "not_ready", retryable: false, userMessage: "The WhatsApp number is not registered yet." };

/**
 * Keyed `code/subcode` first, then `code` alone (meta.md sections 10 and 11). Classification never
 * reads the message text: Meta localises and rewords it.
 */
const BY_CODE_AND_SUBCODE: Record<string, Rule> = {
  "190/458": { code: "app_removed" },
  "190/459": CHECKPOINT,
  "190/464": CHECKPOINT,
  "190/460": { code: "password_changed" },
  "190/463": { code: "token_expired", userMessage: "The Facebook connection has expired. Please reconnect." },
  "190/467": { code: "token_invalid" },
  "190/492": { code: "role_removed" },
  "10/2018278": { code: "outside_window" },
  "10/2534022": { code: "outside_window" },
  "10/2018065": { code: "outside_window" },
  "10/2018108": { code: "recipient_unreachable" },
  "551/1545041": { code: "recipient_unreachable" },
  "200/1545041": { code: "recipient_unreachable" },
  "200/2534041": { code: "ig_messages_disabled" },
  "100/2018001": { code: "not_found", userMessage: "The recipient id is not known for this Page or account. It may be stale." },
  "100/2534014": { code: "not_found", userMessage: "The recipient id is not known for this Page or account. It may be stale." },
  "100/33": { code: "asset_not_shared" },
  "200/2018028": { code: "app_not_live" },
  "200/2018027": { code: "app_not_live" },
  "100/2018218": { code: "not_found", userMessage: "No profile is available for this person." },
  "10/1893063": { code: "forbidden", userMessage: "The account is temporarily restricted from sending messages." },
  "100/2534029": { code: "forbidden", userMessage: "The account is blocked from the Instagram Messaging API." },
  "613/2534040": RATE,
  // May have been sent anyway: reconcile by echo instead of retrying blindly.
  "1/1357046": { code: "unavailable", retryable: false },
  "100/2018109": MEDIA,
  "100/2018047": MEDIA,
  "100/2018008": MEDIA,
  "100/2018294": MEDIA,
  // Code exchange: JS-SDK codes are single-use and live 30 s (meta.md section 2).
  "100/36007": { code: "token_expired", userMessage: "The login took too long. Please connect again." },
  "100/36009": { code: "invalid_argument", userMessage: "This login was already used. Please connect again." },
};

const BY_CODE: Record<number, Rule> = {
  190: { code: "token_invalid" },
  102: { code: "token_invalid" },
  104: { code: "token_invalid" },
  10: { code: "scope_missing" },
  230: { code: "forbidden", userMessage: "The person's profile is not available until they write first." },
  551: { code: "recipient_unreachable" },
  4: RATE,
  17: RATE,
  32: RATE,
  613: RATE,
  80001: RATE,
  80002: RATE,
  80006: RATE,
  1: { code: "unavailable", retryable: true },
  2: { code: "unavailable", retryable: true },
  1200: { code: "unavailable", retryable: true },
  368: { code: "forbidden", userMessage: "The account is temporarily blocked by Meta for a policy reason." },
  100: { code: "invalid_argument" },
  101: { code: "unauthorized", userMessage: "The Meta app id was rejected. Check the Meta app settings." },
  2500: { code: "invalid_argument" },
  // WhatsApp Cloud API (section 11).
  131047: { code: "outside_window", userMessage: "The 24-hour window has closed. Send an approved template instead." },
  131026: { code: "recipient_unreachable" },
  131042: { code: "forbidden", userMessage: "There is a payment problem on the WhatsApp account. The customer needs to fix the payment method." },
  131031: { code: "forbidden", userMessage: "The WhatsApp account is locked or restricted. The customer needs to contact Meta." },
  131037: { code: "not_ready", retryable: false, userMessage: "The WhatsApp display name is not approved yet." },
  131045: NOT_REGISTERED,
  133010: NOT_REGISTERED,
  133005: { code: "invalid_argument", userMessage: "The two-step verification PIN does not match. Re-register with the stored PIN." },
  133006: { code: "not_ready", retryable: false, userMessage: "The phone number needs to be verified again." },
  133016: { code: "rate_limited", retryable: false, userMessage: "Too many registration attempts for this number. Wait before trying again." },
  130429: RATE,
  131056: RATE,
  131048: { code: "rate_limited", retryable: false, userMessage: "Messages are limited because of spam reports. Review content and quality." },
  130497: { code: "forbidden", userMessage: "Messaging to this country is restricted." },
  132000: { code: "invalid_argument", userMessage: "The template parameters do not match the template." },
  132001: { code: "invalid_argument", userMessage: "The template does not exist in this language." },
};

export function metaRuleFor(code: number | undefined, subcode: number | undefined): Rule | undefined {
  if (code === undefined) return undefined;
  if (subcode !== undefined) {
    const exact = BY_CODE_AND_SUBCODE[`${code}/${subcode}`];
    if (exact) return exact;
  }
  const byCode = BY_CODE[code];
  if (byCode) return byCode;
  // 200–299 is Meta's permission range (specific rows above win).
  if (code >= 200 && code <= 299) return { code: "scope_missing" };
  return undefined;
}

export function parseGraphError(body: unknown): GraphErrorBody | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const err = (body as { error?: unknown }).error;
  if (typeof err !== "object" || err === null) return undefined;
  const e = err as Record<string, unknown>;
  const out: GraphErrorBody = {};
  if (typeof e.message === "string") out.message = e.message;
  if (typeof e.type === "string") out.type = e.type;
  const code = toInt(e.code);
  if (code !== undefined) out.code = code;
  const sub = toInt(e.error_subcode) ?? toInt(e.subcode);
  if (sub !== undefined) out.error_subcode = sub;
  if (typeof e.fbtrace_id === "string") out.fbtrace_id = e.fbtrace_id;
  return out;
}

export interface MetaErrorContext {
  operation: string;
  httpStatus?: number;
  body: unknown;
  secrets?: ReadonlyArray<string | undefined>;
}

/** Graph errors are classified on the body, not the HTTP status (190 arrives as 400 or 401). */
export function classifyMetaError(ctx: MetaErrorContext): IntegrationError {
  const err = parseGraphError(ctx.body);
  const rule = metaRuleFor(err?.code, err?.error_subcode) ?? fallbackByStatus(ctx.httpStatus);
  return new IntegrationError({
    service: "meta",
    code: rule.code,
    operation: ctx.operation,
    httpStatus: ctx.httpStatus,
    vendorStatus: err?.type,
    vendorCode: err?.code,
    vendorSubcode: err?.error_subcode,
    fbtraceId: err?.fbtrace_id,
    vendorMessage: scrubText(err?.message, ctx.secrets ?? []),
    userMessage: rule.userMessage,
    retryable: rule.retryable,
  });
}

function fallbackByStatus(status: number | undefined): Rule {
  if (status === undefined) return { code: "unknown" };
  if (status === 429) return RATE;
  if (status >= 500) return { code: "unavailable", retryable: true };
  if (status === 401) return { code: "token_invalid" };
  if (status === 403) return { code: "forbidden" };
  if (status === 404) return { code: "not_found" };
  return { code: "unknown" };
}

function toInt(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "string" && /^\d+$/.test(v)) return Number(v);
  return undefined;
}
