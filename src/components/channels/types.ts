import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type PortalOut = inferRouterOutputs<AppRouter>["portalChannels"];

export type WizardChannel = "MESSENGER" | "INSTAGRAM" | "WHATSAPP";
/** Staff run the flow for a customer (customer id in every call); customers for themselves (id from the grant). */
export type WizardTarget = { mode: "staff"; customerId: string } | { mode: "customer" };

export type WizardData = PortalOut["get"];
export type Connection = WizardData["connection"];
export type LoginResult = PortalOut["completeLogin"];
export type PageOption = PortalOut["listPages"][number];

export const CHANNEL_NAME: Record<WizardChannel, string> = { MESSENGER: "Messenger", INSTAGRAM: "Instagram", WHATSAPP: "WhatsApp" };
export const disconnectPhrase = (channel: WizardChannel) => `disconnect ${CHANNEL_NAME[channel].toLowerCase()}`;
