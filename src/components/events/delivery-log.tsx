"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge, Button, Card, CardHeader, DataTable, QueryState, RelativeTime, Select, Td, toast, Tr } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";
import { DeliveryDialog } from "./delivery-dialog";
import { deliveryStatusInfo, EVENT_TYPES, statusOf, type DeliveryStatus } from "./labels";

const typeLabel = new Map<string, string>(EVENT_TYPES.map((e) => [e.type, e.label]));

/** Every delivery of one endpoint, newest first: outcome, answer, timing, next retry; replay any of them. */
export function DeliveryLog({ endpointId, enabled }: { endpointId: string; enabled: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<DeliveryStatus | "">("");
  const [openId, setOpenId] = useState<string | null>(null);
  const log = useInfiniteQuery(
    trpc.events.deliveries.infiniteQueryOptions({ endpointId, status: status || undefined, limit: 25 }, { getNextPageParam: (page) => page.nextCursor ?? undefined, refetchInterval: 5000 }),
  );
  const replay = useMutation(
    trpc.events.replay.mutationOptions({
      onSuccess: (r) => {
        if (r.ok) toast.success(`Delivered (HTTP ${r.statusCode})`);
        else toast.error(`Not delivered: ${r.error ?? "no answer"}`);
        void queryClient.invalidateQueries({ queryKey: trpc.events.pathKey() });
      },
      onError: (e) => toast.error(errorDetails(e).message),
    }),
  );
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Card as="section" aria-labelledby="deliveries-h">
      <CardHeader
        id="deliveries-h"
        title="Delivery log"
        description="Kept for 30 days. Retries follow the Standard Webhooks schedule (5 s, 5 min, 30 min … 24 h)."
        actions={
          <Select
            aria-label="Filter deliveries by status"
            value={status}
            onChange={(e) => setStatus(e.target.value as DeliveryStatus | "")}
            options={[{ value: "", label: "All deliveries" }, ...Object.entries(deliveryStatusInfo).map(([value, s]) => ({ value, label: s.label }))]}
          />
        }
      />
      <div className="mt-3">
        <QueryState query={log} loadingLabel="Loading deliveries" rows={4}>
          {() => (
            <DataTable label="Deliveries" columns={["Event", "Status", { label: "Attempts", align: "right" }, "Last answer", "When", { label: "Actions", srOnly: true }]} empty={status ? "No delivery with this status." : "No events sent to this endpoint yet."}>
              {rows.map((d) => {
                const s = statusOf(d);
                return (
                  <Tr key={d.id} data-testid="delivery-row">
                    <Td>
                      <span className="font-medium text-ink">{typeLabel.get(d.type) ?? d.type}</span>
                      {d.customerName ? <p className="text-xs text-ink-muted">{d.customerName}</p> : null}
                    </Td>
                    <Td>
                      <Badge tone={s.tone}>{s.label}</Badge>
                      {d.status === "pending" && d.nextAttemptAt && d.attempts > 0 ? (
                        <p className="mt-1 text-xs text-ink-muted">
                          <RelativeTime date={d.nextAttemptAt} prefix="Next try" />
                        </p>
                      ) : null}
                    </Td>
                    <Td align="right">{d.attempts}</Td>
                    <Td className="text-sm">
                      {d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : d.lastError ?? "—"}
                      {d.lastDurationMs != null ? <span className="text-ink-muted"> · {d.lastDurationMs} ms</span> : null}
                    </Td>
                    <Td className="text-sm text-ink-muted">
                      <RelativeTime date={d.occurredAt} />
                    </Td>
                    <Td align="right" className="whitespace-nowrap">
                      <Button size="sm" variant="ghost" onClick={() => setOpenId(d.id)} aria-label={`Details of ${typeLabel.get(d.type) ?? d.type} ${d.messageId}`}>
                        Details
                      </Button>
                      <Button
                        size="sm"
                        variant="secondary"
                        disabled={!enabled}
                        loading={replay.isPending && replay.variables?.deliveryId === d.id}
                        onClick={() => replay.mutate({ deliveryId: d.id })}
                        aria-label={`Replay ${typeLabel.get(d.type) ?? d.type} ${d.messageId}`}
                      >
                        Replay
                      </Button>
                    </Td>
                  </Tr>
                );
              })}
            </DataTable>
          )}
        </QueryState>
        {log.hasNextPage ? (
          <div className="mt-3">
            <Button variant="secondary" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
              Show older deliveries
            </Button>
          </div>
        ) : null}
      </div>
      <DeliveryDialog deliveryId={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
