"use client";

import { useQuery } from "@tanstack/react-query";
import { Badge, DataTable, Dialog, formatAbsoluteUtc, QueryState, Td, Tr } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { statusOf } from "./labels";

/** One delivery: the exact body sent, its `webhook-id`, and every attempt (no header values, no secret). */
export function DeliveryDialog({ deliveryId, onClose }: { deliveryId: string | null; onClose: () => void }) {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.events.delivery.queryOptions({ deliveryId: deliveryId ?? "" }), enabled: !!deliveryId });
  return (
    <Dialog open={!!deliveryId} onClose={onClose} title={q.data ? q.data.type : "Delivery"} description={q.data ? `webhook-id ${q.data.messageId}` : undefined} size="lg">
      <QueryState query={q} loadingLabel="Loading the delivery" rows={4}>
        {(data) => (
          <div className="space-y-4">
            <p className="text-sm">
              <Badge tone={statusOf(data).tone}>{statusOf(data).label}</Badge>
            </p>
            <DataTable label="Attempts" columns={["When", "Trigger", "Answer", { label: "Duration", align: "right" }]}>
              {data.history.map((a) => (
                <Tr key={a.id}>
                  <Td className="text-sm">{formatAbsoluteUtc(a.at)}</Td>
                  <Td className="text-sm">{a.trigger === "replay" ? "Replay" : "Scheduled"}</Td>
                  <Td className="text-sm">
                    <Badge tone={a.ok ? "success" : "danger"}>{a.statusCode ? `HTTP ${a.statusCode}` : "No answer"}</Badge> {a.ok ? null : a.error}
                  </Td>
                  <Td align="right" className="text-sm">
                    {a.durationMs} ms
                  </Td>
                </Tr>
              ))}
            </DataTable>
            <div>
              <h3 className="text-sm font-medium text-ink">Body</h3>
              <pre data-testid="delivery-body" tabIndex={0} aria-label="Body sent" className="mt-1 max-h-80 overflow-auto rounded-control bg-canvas p-3 font-mono text-xs text-ink">
                {data.body}
              </pre>
            </div>
          </div>
        )}
      </QueryState>
    </Dialog>
  );
}
