"use client";

import { useQuery } from "@tanstack/react-query";
import { Badge, Dialog, ErrorState, LoadingState, Table, TableContainer, TBody, Td, Th, THead, Tr, formatAbsoluteUtc } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";
import { statusOf } from "./labels";

/** One delivery: the exact body sent, its `webhook-id`, and every attempt (no header values, no secret). */
export function DeliveryDialog({ deliveryId, onClose }: { deliveryId: string | null; onClose: () => void }) {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.events.delivery.queryOptions({ deliveryId: deliveryId ?? "" }), enabled: !!deliveryId });
  return (
    <Dialog open={!!deliveryId} onClose={onClose} title={q.data ? q.data.type : "Delivery"} description={q.data ? `webhook-id ${q.data.messageId}` : undefined} size="lg">
      {q.isPending ? (
        <LoadingState label="Loading the delivery" rows={4} />
      ) : q.isError ? (
        <ErrorState message={errorDetails(q.error).message} onRetry={() => void q.refetch()} />
      ) : (
        <div className="space-y-4">
          <p className="text-sm">
            <Badge tone={statusOf(q.data).tone}>{statusOf(q.data).label}</Badge>
          </p>
          <TableContainer label="Attempts">
            <Table>
              <THead>
                <Tr>
                  <Th>When</Th>
                  <Th>Trigger</Th>
                  <Th>Answer</Th>
                  <Th align="right">Duration</Th>
                </Tr>
              </THead>
              <TBody>
                {q.data.history.map((a) => (
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
              </TBody>
            </Table>
          </TableContainer>
          <div>
            <h3 className="text-sm font-medium text-ink">Body</h3>
            <pre data-testid="delivery-body" tabIndex={0} aria-label="Body sent" className="mt-1 max-h-80 overflow-auto rounded-control bg-canvas p-3 font-mono text-xs text-ink">
              {q.data.body}
            </pre>
          </div>
        </div>
      )}
    </Dialog>
  );
}
