import type { NormalizedMessage } from "@/server/webhooks/sinch/types";

const MAX_PREVIEW = 160;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_PREVIEW ? `${flat.slice(0, MAX_PREVIEW - 1)}…` : flat;
}

/** One line for the conversation list; never the raw URL of a media item. */
export function previewFor(m: Pick<NormalizedMessage, "kind" | "text" | "caption" | "choice" | "location">): string {
  switch (m.kind) {
    case "text":
    case "product_response":
    case "fallback":
      return clip(m.text ?? "");
    case "media":
      return "Sent a photo or file";
    case "media_card":
      return clip(m.caption ? `Card: ${m.caption}` : "Sent a card");
    case "story_reply":
      return clip(`Replied to your story: ${m.caption ?? ""}`);
    case "story_mention":
      return "Mentioned you in their story";
    case "media_share":
      return "Shared a post";
    case "choice_response":
      return clip(`Chose: ${m.choice?.postbackData ?? ""}`);
    case "location":
      return clip(`Location${m.location?.title ? `: ${m.location.title}` : ""}`);
    case "contact_info":
      return "Shared a contact card";
    default:
      return "Sent a message the inbox cannot show";
  }
}

export const UNSUPPORTED_PREVIEW = "Sent content the channel does not support";
export { clip as clipPreview };
