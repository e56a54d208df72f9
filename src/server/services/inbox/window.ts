/** The reply window of a conversation (Sinch contract section 9, Meta contract section 8). */
export type ReplyWindow =
  | { state: "open"; until: Date; tag: null }
  | { state: "human_agent"; until: Date; tag: "HUMAN_AGENT" }
  | { state: "template_required"; until: null; tag: null }
  | { state: "closed"; until: null; tag: null; humanAgentPossible: boolean };

const HOUR = 3_600_000;
export const STANDARD_WINDOW_MS = 24 * HOUR;
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR;
const HUMAN_AGENT_CHANNELS = new Set(["INSTAGRAM", "MESSENGER"]);

/**
 * 24 h after the contact's last message on every channel; Instagram and Messenger up to 7 days
 * with the HUMAN_AGENT tag, only for a customer marked "Human Agent approved"; WhatsApp needs an
 * approved template outside the window.
 */
export function replyWindow(input: { channel: string; lastInboundAt: Date | null; humanAgentApproved: boolean; now: Date }): ReplyWindow {
  const last = input.lastInboundAt?.getTime();
  const now = input.now.getTime();
  if (last !== undefined && now < last + STANDARD_WINDOW_MS) return { state: "open", until: new Date(last + STANDARD_WINDOW_MS), tag: null };
  if (input.channel === "WHATSAPP") return { state: "template_required", until: null, tag: null };
  const withinSevenDays = last !== undefined && now < last + HUMAN_AGENT_WINDOW_MS && HUMAN_AGENT_CHANNELS.has(input.channel);
  if (withinSevenDays && input.humanAgentApproved) {
    return { state: "human_agent", until: new Date(last + HUMAN_AGENT_WINDOW_MS), tag: "HUMAN_AGENT" };
  }
  return { state: "closed", until: null, tag: null, humanAgentPossible: withinSevenDays };
}

/** What the composer says when it cannot send. */
export function windowExplanation(w: ReplyWindow, channel: string): string | null {
  if (w.state === "template_required") {
    return "The 24-hour WhatsApp window is closed. Only an approved WhatsApp template can be sent until the contact writes again.";
  }
  if (w.state === "closed") {
    const base = `The 24-hour ${channel === "MESSENGER" ? "Messenger" : channel === "INSTAGRAM" ? "Instagram" : ""} window is closed. Wait for the contact to write again.`.replace("  ", " ");
    return w.humanAgentPossible
      ? `${base} A human agent reply (up to 7 days) needs the customer to be marked "Human Agent approved".`
      : base;
  }
  return null;
}
