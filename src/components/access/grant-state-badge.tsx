import { Badge, RelativeTime } from "@/components/ui";
import type { RouterOutputs } from "./types";

type Grant = RouterOutputs["access"]["forCustomer"]["grants"][number];

const endedText = { expired: "Expired", revoked: "Revoked", completed: "Completed", superseded: "Replaced" } as const;

export function GrantStateBadge({ grant }: { grant: Pick<Grant, "state" | "endReason"> }) {
  if (grant.state === "invited") return <Badge tone="info" dot>Invited</Badge>;
  if (grant.state === "active") return <Badge tone="success" dot>In use</Badge>;
  const reason = grant.endReason ?? "expired";
  return (
    <Badge tone={reason === "completed" ? "success" : reason === "revoked" ? "danger" : "neutral"} dot>
      {endedText[reason]}
    </Badge>
  );
}

/** "Ends in 2 days" while live; "Ended 3 hours ago" after. */
export function GrantTimeLeft({ grant }: { grant: Pick<Grant, "state" | "expiresAt" | "endedAt"> }) {
  if (grant.state === "ended") return grant.endedAt ? <RelativeTime date={grant.endedAt} prefix="Ended" /> : <span>Ended</span>;
  return <RelativeTime date={grant.expiresAt} prefix="Ends" />;
}
