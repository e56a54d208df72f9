"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Card, CardHeader, ChannelBadge, QueryState } from "@/components/ui";
import { PlusIcon } from "@/components/ui/icons";
import { useTRPC } from "@/trpc/react";
import { AccessTimeline } from "./access-timeline";
import { GrantActions } from "./grant-actions";
import { GrantStateBadge, GrantTimeLeft } from "./grant-state-badge";
import { InviteDialog } from "./invite-dialog";

/** The customer page's access section: invite, live and past grants with actions, and the trail. */
export function AccessPanel({ customerId, setupReady = true }: { customerId: string; setupReady?: boolean }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.access.forCustomer.queryOptions({ customerId }));
  const [inviting, setInviting] = useState(false);

  return (
    <Card as="section" aria-labelledby="access-panel-title" className="space-y-4">
      <CardHeader
        id="access-panel-title"
        title="Customer access"
        description="Temporary, project-scoped access for the customer to connect channels themselves."
        actions={
          <Button icon={<PlusIcon />} onClick={() => setInviting(true)} disabled={!q.data || !setupReady}>
            Invite customer
          </Button>
        }
      />
      <QueryState query={q} loadingLabel="Loading access" rows={2}>
        {(data) => (
          <>
            {data.grants.length === 0 ? (
              <p className="text-sm text-ink-muted">
                {setupReady ? "No invites yet. Invite the customer to let them connect their channels." : "Inviting is possible once the Sinch setup is complete."}
              </p>
            ) : (
              <ul className="divide-y divide-line rounded-card border border-line" aria-label="Invites">
                {data.grants.map((g) => (
                  <li key={g.id} className="flex flex-col gap-3 p-3" data-testid={`grant-${g.invitedEmail}`}>
                    <div className="min-w-0 space-y-1 text-sm">
                      <div className="flex flex-wrap items-center gap-2">
                        <span className="truncate font-medium text-ink">{g.invitedEmail}</span>
                        <GrantStateBadge grant={g} />
                      </div>
                      <div className="flex flex-wrap items-center gap-1.5">
                        {g.channels.map((c) => (
                          <ChannelBadge key={c} channel={c} />
                        ))}
                      </div>
                      <p className="text-xs text-ink-muted">
                        <GrantTimeLeft grant={g} />
                        {g.revokeReason ? ` · ${g.revokeReason}` : ""}
                        {g.state !== "ended" && !g.autoRevokeOnActive ? " · stays open after completion" : ""}
                      </p>
                    </div>
                    <GrantActions grant={g} maxHours={data.limits.maxHours} />
                  </li>
                ))}
              </ul>
            )}
            <details className="group">
              <summary className="cursor-pointer text-sm font-medium text-brand-700">Access history</summary>
              <div className="mt-3">
                <AccessTimeline customerId={customerId} />
              </div>
            </details>
            <InviteDialog open={inviting} onClose={() => setInviting(false)} customerId={customerId} defaultEmail={data.customer.email} defaultChannels={data.toConnect} limits={data.limits} />
          </>
        )}
      </QueryState>
    </Card>
  );
}
