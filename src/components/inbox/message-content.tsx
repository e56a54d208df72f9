import { MediaPreview } from "./media-preview";
import type { ThreadMessage } from "./types";

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="space-y-2">
      <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">{title}</p>
      {children}
    </div>
  );
}

/** One message body by kind; anything the inbox cannot show links to its raw event. */
export function MessageContent({ message: m }: { message: ThreadMessage }) {
  switch (m.kind) {
    case "text":
    case "product_response":
    case "fallback":
      return <p className="break-words whitespace-pre-wrap">{m.text}</p>;
    case "media":
      return <MediaPreview url={m.mediaUrl ?? m.thumbnailUrl} expired={m.mediaExpired} label="Photo or file" />;
    case "media_card":
      return (
        <Card title="Card">
          <MediaPreview url={m.mediaUrl} expired={m.mediaExpired} label="Card media" />
          {m.caption ? <p className="whitespace-pre-wrap">{m.caption}</p> : null}
        </Card>
      );
    case "story_reply":
      return (
        <Card title="Replied to your story">
          <MediaPreview url={m.mediaUrl} expired={m.mediaExpired} label="Your story" />
          {m.caption ? <p className="whitespace-pre-wrap">{m.caption}</p> : null}
        </Card>
      );
    case "story_mention":
      return (
        <Card title="Mentioned you in their story">
          <MediaPreview url={m.mediaUrl} expired={m.mediaExpired} label="Their story" />
        </Card>
      );
    case "media_share":
      return (
        <Card title="Shared a post">
          <MediaPreview url={m.mediaUrl} expired={m.mediaExpired} label="Shared post" />
        </Card>
      );
    case "choice_response":
      return (
        <Card title="Chose an option">
          <p>
            <span className="rounded-full bg-brand-50 px-2 py-0.5 font-medium text-brand-800">{m.choice?.postbackData ?? "—"}</span>
          </p>
        </Card>
      );
    case "location":
      return m.location ? (
        <Card title="Shared a location">
          <a className="text-brand-700 underline" href={`https://www.openstreetmap.org/?mlat=${m.location.lat}&mlon=${m.location.lon}`} target="_blank" rel="noreferrer noopener">
            {m.location.title ?? m.location.label ?? `${m.location.lat}, ${m.location.lon}`}
          </a>
        </Card>
      ) : null;
    case "contact_info":
      return (
        <Card title="Shared a contact card">
          <pre className="max-h-48 overflow-auto rounded-control bg-slate-50 p-2 text-xs">{JSON.stringify(m.contactInfo, null, 2)}</pre>
        </Card>
      );
    case "unsupported":
      return (
        <details className="group">
          <summary className="cursor-pointer rounded-sm text-sm text-slate-700 focus-visible:outline-2 focus-visible:outline-brand-600">
            Content the channel does not support (show raw payload)
          </summary>
          <pre className="mt-2 max-h-72 max-w-full overflow-auto rounded-control bg-slate-900 p-3 text-xs text-slate-100">{m.unsupportedPayload}</pre>
        </details>
      );
    default:
      return (
        <p className="text-sm text-slate-600 italic">
          A message the inbox cannot show.{" "}
          {m.eventId ? (
            <a className="text-brand-700 underline" href={`/inbox/events?event=${m.eventId}`}>
              See the raw callback
            </a>
          ) : null}
        </p>
      );
  }
}
