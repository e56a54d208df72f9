/** Embedded Signup `message` payloads (meta.md section 6.2), parsed from a JSON string or an object. */
export type SignupEvent =
  | { kind: "finish"; event: "FINISH" | "FINISH_ONLY_WABA" | "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING"; wabaId: string; phoneNumberId: string | null; businessId: string | null }
  | { kind: "cancel"; step: string }
  | { kind: "error"; message: string; errorId: string | null; sessionId: string | null }
  | { kind: "other"; event: string };

const FINISH_EVENTS = ["FINISH", "FINISH_ONLY_WABA", "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING"] as const;
const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : typeof v === "number" ? String(v) : null);

/** Returns null for anything that is not a `WA_EMBEDDED_SIGNUP` message; unknown events are kept as `other`. */
export function parseSignupMessage(data: unknown): SignupEvent | null {
  let value = data;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (!value || typeof value !== "object") return null;
  const msg = value as { type?: unknown; event?: unknown; data?: Record<string, unknown> };
  if (msg.type !== "WA_EMBEDDED_SIGNUP" || typeof msg.event !== "string") return null;
  const d = msg.data && typeof msg.data === "object" ? msg.data : {};
  const finish = FINISH_EVENTS.find((e) => e === msg.event);
  if (finish) {
    const wabaId = str(d.waba_id);
    return wabaId ? { kind: "finish", event: finish, wabaId, phoneNumberId: str(d.phone_number_id), businessId: str(d.business_id) } : { kind: "other", event: msg.event };
  }
  if (msg.event.startsWith("CANCEL")) return { kind: "cancel", step: str(d.current_step) ?? "UNKNOWN" };
  if (msg.event.startsWith("ERROR")) return { kind: "error", message: str(d.error_message) ?? "Meta reported an error.", errorId: str(d.error_id), sessionId: str(d.session_id) };
  return { kind: "other", event: msg.event };
}

/**
 * The login callback (code) and the finish message arrive in either order: keep both and fire
 * exactly once when the pair is complete. The code lives 30 s, so the caller posts at once.
 */
export function createSignupBuffer(onComplete: (code: string, event: Extract<SignupEvent, { kind: "finish" }>) => void) {
  let code: string | null = null;
  let event: Extract<SignupEvent, { kind: "finish" }> | null = null;
  let done = false;
  const flush = () => {
    if (done || !code || !event) return;
    done = true;
    onComplete(code, event);
  };
  return {
    code(value: string) {
      code ??= value;
      flush();
    },
    finish(value: Extract<SignupEvent, { kind: "finish" }>) {
      event ??= value;
      flush();
    },
    get complete() {
      return done;
    },
  };
}
