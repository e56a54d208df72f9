import { Callout, RelativeTime } from "@/components/ui";
import { CHANNEL_NAME } from "@/components/channels/types";
import type { Channel, GrantEndReason } from "@/server/db/schema";

export type AccessEndedProps = {
  reason: GrantEndReason | "no_session";
  resellerName: string;
  endedAt?: Date | null;
  revokeReason?: string | null;
  /** For `completed`: the channel whose activation finished the access, when known. */
  completedBy?: Channel | null;
};

/** What the customer sees once access is over, saying why; "no_session" covers sign-out too. */
export function AccessEnded({ reason, resellerName, endedAt, revokeReason, completedBy }: AccessEndedProps) {
  const title = reason === "no_session" ? "You are not signed in" : reason === "completed" ? "All done: access ended" : "Access ended";
  const text: Record<AccessEndedProps["reason"], string> = {
    no_session: `Open the link from your invitation email, or ask ${resellerName} for a new one.`,
    expired: `Your access window ended. If you still need to connect channels, ask ${resellerName} for a new link.`,
    revoked: `${resellerName} ended your access.`,
    completed: completedBy
      ? `${CHANNEL_NAME[completedBy]} is active, and it was the last channel you were asked to connect. Nothing more is needed: your access ended by itself.`
      : `Every channel you were asked to connect is active. Nothing more is needed: your access ended by itself.`,
    superseded: `A newer invitation replaced this one. Use the link from the latest email from ${resellerName}.`,
  };
  return (
    <section aria-labelledby="access-ended-title" className="mx-auto max-w-lg space-y-4 py-6">
      <h1 id="access-ended-title" className="text-xl font-semibold text-ink" data-testid="access-ended">
        {title}
      </h1>
      <Callout tone={reason === "completed" ? "success" : reason === "no_session" ? "info" : "warning"}>
        <p data-testid="access-ended-detail">{text[reason]}</p>
        {reason === "revoked" && revokeReason ? <p className="mt-1">Reason: {revokeReason}</p> : null}
        {endedAt ? (
          <p className="mt-1 text-xs">
            Ended <RelativeTime date={endedAt} />
          </p>
        ) : null}
      </Callout>
    </section>
  );
}
