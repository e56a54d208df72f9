import { Badge, RelativeTime } from "@/components/ui";
import type { ReplyWindowView } from "./types";

/** Whether staff can reply now, and until when. */
export function WindowBadge({ window, compact = false }: { window: ReplyWindowView; compact?: boolean }) {
  if (window.state === "open" && window.until) {
    return (
      <Badge tone="success" dot>
        {compact ? "Open" : "Reply window open"} · <RelativeTime date={window.until} prefix="closes" />
      </Badge>
    );
  }
  if (window.state === "human_agent" && window.until) {
    return (
      <Badge tone="info" dot>
        Human agent · <RelativeTime date={window.until} prefix="until" />
      </Badge>
    );
  }
  if (window.state === "template_required") return <Badge tone="warning" dot>{compact ? "Template only" : "Window closed: template only"}</Badge>;
  return <Badge tone="neutral" dot>{compact ? "Closed" : "Reply window closed"}</Badge>;
}
