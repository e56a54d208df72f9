import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Out = inferRouterOutputs<AppRouter>["inbox"];
export type ConversationItem = Out["list"]["items"][number];
export type ThreadData = Out["thread"];
export type ThreadMessage = ThreadData["messages"][number];
export type ReplyWindowView = ConversationItem["window"];
export type EventSummary = Out["events"]["items"][number];

export interface InboxFilters {
  customerId?: string;
  channel?: "INSTAGRAM" | "MESSENGER" | "WHATSAPP";
  unread?: boolean;
  failures?: boolean;
  search?: string;
}

export const CHANNELS = ["INSTAGRAM", "MESSENGER", "WHATSAPP"] as const;
export const isChannel = (v: string | null | undefined): v is (typeof CHANNELS)[number] => CHANNELS.includes(v as never);
