/**
 * Which Page webhook fields each channel subscribes, and the permissions each field needs.
 *
 * - Messenger fields (`messages`, `messaging_postbacks`, `message_deliveries`, `message_reads`,
 *   `message_echoes`) need `pages_messaging` on top of `pages_manage_metadata`; `feed` needs
 *   `pages_manage_metadata` and `pages_show_list`:
 *   https://developers.facebook.com/docs/pages-api/webhooks-for-pages
 * - Instagram via a Page: the linked Page is subscribed to ANY Page field (Meta's example is `feed`);
 *   the Instagram fields themselves (`messages`, `messaging_postbacks`, …, needing
 *   `instagram_manage_messages`) are chosen on the app in the App Dashboard, not per Page:
 *   https://developers.facebook.com/docs/graph-api/webhooks/getting-started/webhooks-for-instagram/ ,
 *   https://developers.facebook.com/docs/instagram-messaging/webhooks ,
 *   https://developers.facebook.com/documentation/instagram-platform/webhooks/fields
 */
import { MESSENGER_SUBSCRIBED_FIELDS } from "./graph";

export const PAGE_FIELD_PERMISSIONS: Record<string, readonly string[]> = {
  messages: ["pages_messaging", "pages_manage_metadata"],
  messaging_postbacks: ["pages_messaging", "pages_manage_metadata"],
  message_deliveries: ["pages_messaging", "pages_manage_metadata"],
  message_reads: ["pages_messaging", "pages_manage_metadata"],
  message_echoes: ["pages_messaging", "pages_manage_metadata"],
  feed: ["pages_manage_metadata", "pages_show_list"],
};

export type PageSubscriptionChannel = "MESSENGER" | "INSTAGRAM";

export const PAGE_SUBSCRIBED_FIELDS: Record<PageSubscriptionChannel, readonly string[]> = {
  MESSENGER: MESSENGER_SUBSCRIBED_FIELDS,
  INSTAGRAM: ["feed"],
};

/** The permissions a field needs that `granted` lacks (empty = allowed). */
export function missingPermissionsFor(field: string, granted: readonly string[]): string[] {
  return (PAGE_FIELD_PERMISSIONS[field] ?? ["pages_manage_metadata"]).filter((p) => !granted.includes(p));
}

export type PageFieldsPlan = { ok: true; fields: string[] } | { ok: false; missing: string[] };

/** The channel's fields the granted scopes allow; none allowed → the permissions to ask for again. */
export function pageSubscribedFields(channel: PageSubscriptionChannel, granted: readonly string[]): PageFieldsPlan {
  const wanted = PAGE_SUBSCRIBED_FIELDS[channel];
  const fields = wanted.filter((f) => missingPermissionsFor(f, granted).length === 0);
  if (fields.length > 0) return { ok: true, fields };
  return { ok: false, missing: [...new Set(wanted.flatMap((f) => missingPermissionsFor(f, granted)))] };
}
