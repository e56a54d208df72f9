"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge, Button, DataTable, Dialog, Pagination, QueryState, RelativeTime, Select, Td, toast, type Tone, Tr } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";

type Status = "pending" | "sent" | "failed" | "not_configured";
const statusInfo: Record<Status, { label: string; tone: Tone }> = {
  pending: { label: "Pending", tone: "info" },
  sent: { label: "Sent", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
  not_configured: { label: "Not sent (no SMTP)", tone: "warning" },
};
const PAGE_SIZE = 25;

/** Admin outbox: every email the portal sent or would have sent, readable without a mail server. */
export function OutboxView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status | "">("");
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useQuery(trpc.outbox.list.queryOptions({ status: status || undefined, page, pageSize: PAGE_SIZE }));
  const email = useQuery({ ...trpc.outbox.get.queryOptions({ id: openId ?? "" }), enabled: !!openId });
  const retry = useMutation(
    trpc.outbox.retry.mutationOptions({
      onSuccess: () => (toast.success("Queued for delivery"), void queryClient.invalidateQueries({ queryKey: trpc.outbox.pathKey() })),
      onError: (err) => toast.error(errorDetails(err).message),
    }),
  );

  return (
    <div className="space-y-4">
      <div className="max-w-xs">
        <Select
          aria-label="Filter by status"
          value={status}
          onChange={(e) => (setStatus(e.target.value as Status | ""), setPage(1))}
          options={[{ value: "", label: "All statuses" }, ...Object.entries(statusInfo).map(([value, s]) => ({ value, label: s.label }))]}
        />
      </div>
      <QueryState query={list} loadingLabel="Loading the outbox">
        {(data) => (
          <>
            <DataTable label="Outbox" columns={["To", "Subject", "Status", "Queued", { label: "Actions", srOnly: true }]} empty="No emails yet.">
              {data.rows.map((r) => (
                <Tr key={r.id} data-testid={`outbox-row-${r.to}`}>
                  <Td>{r.to}</Td>
                  <Td className="max-w-72 truncate">{r.subject}</Td>
                  <Td>
                    <Badge tone={statusInfo[r.status].tone}>{statusInfo[r.status].label}</Badge>
                    {r.lastError ? <p className="mt-1 max-w-56 truncate text-xs text-red-700" title={r.lastError}>{r.lastError}</p> : null}
                  </Td>
                  <Td className="text-sm text-ink-muted">
                    <RelativeTime date={r.createdAt} />
                  </Td>
                  <Td align="right" className="whitespace-nowrap">
                    <Button size="sm" variant="ghost" onClick={() => setOpenId(r.id)} aria-label={`Read the email to ${r.to}: ${r.subject}`}>
                      Read
                    </Button>
                    {r.status === "failed" || r.status === "not_configured" ? (
                      <Button size="sm" variant="secondary" loading={retry.isPending && retry.variables?.id === r.id} onClick={() => retry.mutate({ id: r.id })}>
                        Send again
                      </Button>
                    ) : null}
                  </Td>
                </Tr>
              ))}
            </DataTable>
            <Pagination page={page} pageCount={Math.max(1, Math.ceil(data.total / PAGE_SIZE))} onPageChange={setPage} label="Outbox pages" />
          </>
        )}
      </QueryState>
      <Dialog open={!!openId} onClose={() => setOpenId(null)} title={email.data?.subject ?? "Email"} description={email.data ? `To ${email.data.to}` : undefined} size="lg">
        <QueryState query={email} loadingLabel="Loading the email" rows={4}>
          {(data) => (
            <pre data-testid="outbox-body" className="font-sans text-sm break-words whitespace-pre-wrap text-ink">
              {data.body}
            </pre>
          )}
        </QueryState>
      </Dialog>
    </div>
  );
}
