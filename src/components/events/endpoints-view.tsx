"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Badge, Button, DataTable, EmptyState, GlobeIcon, PlusIcon, QueryState, RelativeTime, Td, Tr } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { EndpointDialog } from "./endpoint-dialog";
import { deliveryStatusInfo, EVENT_TYPES } from "./labels";
import { SecretDialog } from "./secret-dialog";

const typeLabel = new Map<string, string>(EVENT_TYPES.map((e) => [e.type, e.label]));

/** Settings → Outgoing events: the registered endpoints, each linking to its delivery log. */
export function EndpointsView() {
  const trpc = useTRPC();
  const list = useQuery(trpc.events.endpoints.queryOptions());
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const add = (
    <Button icon={<PlusIcon />} onClick={() => setAdding(true)}>
      Add endpoint
    </Button>
  );

  return (
    <section aria-labelledby="endpoints-h" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="endpoints-h" className="text-lg font-semibold text-ink">
            Endpoints
          </h2>
          <p className="text-sm text-ink-muted">Your systems (CRM, billing) are told when customers and channels change, signed with a per-endpoint secret.</p>
        </div>
        {list.data?.length ? add : null}
      </div>
      <QueryState query={list} loadingLabel="Loading endpoints" rows={3}>
        {(data) =>
          data.length === 0 ? (
            <EmptyState icon={<GlobeIcon />} title="No endpoints yet" description="Add the URL of a receiver to get customer, access, channel, diagnosis and message events." action={add} />
          ) : (
            <DataTable label="Event endpoints" columns={["URL", "Events", "State", "Last delivery"]}>
              {data.map((e) => (
                <Tr key={e.id}>
                  <Td className="max-w-80">
                    <Link href={`/settings/events/${e.id}`} className="font-medium break-all text-brand-700 underline-offset-2 hover:underline">
                      {e.url}
                    </Link>
                    {e.description ? <p className="text-xs text-ink-muted">{e.description}</p> : null}
                  </Td>
                  <Td className="text-sm text-ink-muted">{e.eventTypes.map((t) => typeLabel.get(t) ?? t).join(", ")}</Td>
                  <Td>
                    {e.enabled ? <Badge tone="success">Enabled</Badge> : <Badge tone="neutral">Disabled</Badge>}
                    {e.disabledReason ? <p className="mt-1 text-xs text-red-700">{e.disabledReason}</p> : null}
                  </Td>
                  <Td className="text-sm text-ink-muted">
                    {e.lastDelivery ? (
                      <>
                        <Badge tone={deliveryStatusInfo[e.lastDelivery.status].tone}>{deliveryStatusInfo[e.lastDelivery.status].label}</Badge>{" "}
                        {e.lastDelivery.at ? <RelativeTime date={e.lastDelivery.at} /> : null}
                      </>
                    ) : (
                      "None yet"
                    )}
                  </Td>
                </Tr>
              ))}
            </DataTable>
          )}
      </QueryState>
      {adding ? <EndpointDialog open onClose={() => setAdding(false)} onCreated={setSecret} /> : null}
      <SecretDialog secret={secret} onClose={() => setSecret(null)} />
    </section>
  );
}
