import { env } from "@/env";
import type { Channel } from "@/server/db/schema";
import { CHANNEL_LABEL } from "@/server/services/channels/requirements";

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** The reconnect email: the only place this grant's link token appears in clear. */
export function reconnectEmail(input: { customerName: string; channel: Channel; link: string; expiresAt: Date; reason: string | null }) {
  const reseller = env.RESELLER_NAME;
  const label = CHANNEL_LABEL[input.channel];
  return {
    subject: `${reseller}: please reconnect ${label}`,
    body: [
      "Hello,",
      "",
      `${label} for ${input.customerName} stopped working and needs you to log in again.`,
      input.reason ? `What we see: ${input.reason}` : null,
      "",
      `Open this link to reconnect ${label} (it works once, from one browser; it lets you reconnect this channel only):`,
      input.link,
      "",
      `The link works until ${when(input.expiresAt)}.`,
    ]
      .filter((l) => l !== null)
      .join("\n"),
  };
}

/** A problem only the customer can fix in their own Meta settings: the exact steps, no link. */
export function customerActionEmail(input: { customerName: string; channel: Channel; problem: string; steps: string }) {
  const reseller = env.RESELLER_NAME;
  const label = CHANNEL_LABEL[input.channel];
  return {
    subject: `${reseller}: action needed for ${label}`,
    body: ["Hello,", "", `${label} for ${input.customerName} needs a change on your side.`, "", `What we see: ${input.problem}`, "", `What to do: ${input.steps}`, "", `Reply to this email once it is done and we will check again.`].join("\n"),
  };
}

/** 14 days before Meta's data access lapses: a fresh login renews it. */
export function dataAccessReminderEmail(input: { customerName: string; channel: Channel; expiresAt: Date; link: string; linkExpiresAt: Date }) {
  const reseller = env.RESELLER_NAME;
  const label = CHANNEL_LABEL[input.channel];
  return {
    subject: `${reseller}: ${label} needs a quick re-login before ${input.expiresAt.toISOString().slice(0, 10)}`,
    body: [
      "Hello,",
      "",
      `Meta's data access for ${label} (${input.customerName}) ends ${when(input.expiresAt)}. After that, messages stop until you log in again.`,
      "",
      "Log in again now to renew it (the link works once, from one browser):",
      input.link,
      "",
      `The link works until ${when(input.linkExpiresAt)}.`,
    ].join("\n"),
  };
}
