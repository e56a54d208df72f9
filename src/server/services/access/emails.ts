import { env } from "@/env";
import type { Channel } from "@/server/db/schema";

const channelNames: Record<Channel, string> = { MESSENGER: "Facebook Messenger", INSTAGRAM: "Instagram Direct", WHATSAPP: "WhatsApp" };

const conjunction = new Intl.ListFormat("en", { style: "long", type: "conjunction" });

/** "Facebook Messenger, Instagram Direct and WhatsApp": the channels as an English list. */
export const channelList = (channels: readonly Channel[]) => conjunction.format(channels.map((c) => channelNames[c] ?? c));

const whenText = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** The invite email: the only place the link token ever appears. */
export function inviteEmail(input: { customerName: string; link: string; channels: readonly Channel[]; expiresAt: Date; note: string | null; resend?: boolean }) {
  const reseller = env.RESELLER_NAME;
  const lines = [
    `Hello,`,
    ``,
    `${reseller} invites you to connect ${channelList(input.channels)} for ${input.customerName}.`,
    input.resend ? `This is a new link: any earlier link no longer works.` : null,
    ``,
    `Open this link to start (it works once, from one browser):`,
    input.link,
    ``,
    `Your access ends ${whenText(input.expiresAt)}.`,
    input.note ? `\nA note from ${reseller}:\n${input.note}` : null,
    ``,
    `If you did not expect this email, you can ignore it.`,
  ];
  return {
    subject: `${reseller}: connect your messaging channels`,
    body: lines.filter((l) => l !== null).join("\n"),
  };
}

/** Sent 24 h before expiry when requested channels are still missing. It carries no link. */
export function reminderEmail(input: { customerName: string; portalUrl: string; missing: readonly Channel[]; expiresAt: Date }) {
  const reseller = env.RESELLER_NAME;
  return {
    subject: `${reseller}: your setup access ends soon`,
    body: [
      `Hello,`,
      ``,
      `Your access to set up channels for ${input.customerName} ends ${whenText(input.expiresAt)}.`,
      `Still to connect: ${channelList(input.missing)}.`,
      ``,
      `Continue in the browser where you opened your invitation: ${input.portalUrl}`,
      `If you cannot get back in, ask ${reseller} for a new link.`,
    ].join("\n"),
  };
}
