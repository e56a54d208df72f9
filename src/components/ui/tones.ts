/**
 * State colours are fixed across the product: success = green, warning = amber, danger = red,
 * info = brand blue, neutral = slate. Map domain states to a tone here, never in pages.
 */
export type Tone = "success" | "warning" | "danger" | "info" | "neutral";

export const toneBadge: Record<Tone, string> = {
  success: "bg-green-50 text-green-800 ring-green-600/25",
  warning: "bg-amber-50 text-amber-900 ring-amber-600/30",
  danger: "bg-red-50 text-red-800 ring-red-600/25",
  info: "bg-brand-50 text-brand-800 ring-brand-600/25",
  neutral: "bg-slate-100 text-slate-700 ring-slate-500/25",
};

export const toneDot: Record<Tone, string> = {
  success: "bg-green-600",
  warning: "bg-amber-500",
  danger: "bg-red-600",
  info: "bg-brand-600",
  neutral: "bg-slate-400",
};

/** Icon/foreground colour on a white surface (all ≥ 3:1 for graphics, ≥ 4.5:1 for text). */
export const toneText: Record<Tone, string> = {
  success: "text-green-700",
  warning: "text-amber-700",
  danger: "text-red-700",
  info: "text-brand-700",
  neutral: "text-slate-600",
};

/** Tinted panel (callouts, timeline icons). */
export const tonePanel: Record<Tone, string> = {
  success: "bg-green-50 border-green-200 text-green-900",
  warning: "bg-amber-50 border-amber-200 text-amber-950",
  danger: "bg-red-50 border-red-200 text-red-900",
  info: "bg-brand-50 border-brand-200 text-brand-950",
  neutral: "bg-slate-50 border-slate-200 text-slate-900",
};

export type ChannelState =
  | "not_started"
  | "connecting"
  | "activating"
  | "active"
  | "failing"
  | "reconnect_required"
  | "disconnected";

const channelStates: Record<ChannelState, { tone: Tone; label: string }> = {
  not_started: { tone: "neutral", label: "Not started" },
  connecting: { tone: "warning", label: "Connecting" },
  activating: { tone: "warning", label: "Activating" },
  active: { tone: "success", label: "Active" },
  failing: { tone: "danger", label: "Failing" },
  reconnect_required: { tone: "danger", label: "Reconnect required" },
  disconnected: { tone: "neutral", label: "Disconnected" },
};

export function channelStateTone(state: ChannelState): Tone {
  return channelStates[state].tone;
}

export function channelStateLabel(state: ChannelState): string {
  return channelStates[state].label;
}

/** Diagnostic check verdicts (pass/warn/fail) share the same colours. */
export function verdictTone(verdict: "pass" | "warn" | "fail" | "skip"): Tone {
  return verdict === "pass" ? "success" : verdict === "warn" ? "warning" : verdict === "fail" ? "danger" : "neutral";
}
