"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import {
  Badge,
  Button,
  ChannelBadge,
  DataTable,
  EmptyState,
  FormField,
  Input,
  QueryState,
  RelativeTime,
  Td,
  toast,
  Tr,
} from "@/components/ui";
import { RefreshIcon, WrenchIcon } from "@/components/ui/icons";
import type { ChannelState } from "@/components/ui/tones";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";
import { OverallBadge, OwnerBadge, type Overall } from "./labels";
import { SweepProgress } from "./sweep-progress";

const FILTERS: Array<{ value: Overall | ""; label: string }> = [
  { value: "", label: "All" },
  { value: "broken", label: "Broken" },
  { value: "warning", label: "Warning" },
  { value: "healthy", label: "Healthy" },
  { value: "unchecked", label: "Not checked" },
];

function expiryText(e: { daysLeft: number; kind: "token" | "data_access" } | null) {
  if (!e) return "No expiry";
  const what = e.kind === "token" ? "Token" : "Data access";
  if (e.daysLeft < 0) return `${what} expired`;
  return `${what} expires in ${e.daysLeft} day${e.daysLeft === 1 ? "" : "s"}`;
}

export function HealthOverview() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [verdict, setVerdict] = useState<Overall | "">("");
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search.trim());
  const overview = useQuery({ ...trpc.diagnostics.overview.queryOptions({ verdict: verdict || undefined, search: deferred || undefined }), placeholderData: keepPreviousData });
  const [sweepId, setSweepId] = useState<string | null>(null);
  const start = useMutation(
    trpc.diagnostics.startSweep.mutationOptions({
      onSuccess: (s) => {
        setSweepId(s.id);
        toast.success(`Checking ${s.total} channel${s.total === 1 ? "" : "s"}…`);
      },
      onError: (err) => toast.error(errorDetails(err).message),
    }),
  );
  const counts = overview.data?.counts;

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div role="group" aria-label="Filter by health" className="flex flex-wrap gap-2">
          {FILTERS.map((f) => (
            <Button key={f.value || "all"} size="sm" variant={verdict === f.value ? "primary" : "secondary"} aria-pressed={verdict === f.value} onClick={() => setVerdict(f.value)}>
              {f.label}
              {counts && f.value ? ` (${counts[f.value]})` : ""}
            </Button>
          ))}
        </div>
        <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
          <FormField label="Search customers" id="health-search">
            <Input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Business name" />
          </FormField>
          <Button icon={<RefreshIcon />} loading={start.isPending} onClick={() => start.mutate(undefined)}>
            Check all channels
          </Button>
        </div>
      </div>
      {sweepId && (
        <SweepProgress
          sweepId={sweepId}
          onDone={(s) => {
            void qc.invalidateQueries({ queryKey: trpc.diagnostics.overview.queryKey() });
            toast.success(`Checked ${s.done} channels: ${s.broken} broken${s.failed ? `, ${s.failed} could not be checked` : ""}.`);
          }}
        />
      )}
      <QueryState query={overview} loadingLabel="Loading channel health" rows={5} errorMessage="Channel health could not be loaded.">
        {(data) =>
          data.rows.length === 0 && !verdict && !deferred ? (
            <EmptyState icon={<WrenchIcon />} title="No connected channels yet" description="Channel health appears here once customers have connected Messenger, Instagram or WhatsApp." />
          ) : (
            <DataTable label={`Channel health, ${data.rows.length} channels`} columns={["Customer", "Channel", "Health", "Main reason", "Who fixes it", "Token", "Last checked"]} empty="No channels match these filters.">
              {data.rows.map((r) => (
                <Tr key={`${r.customerId}-${r.channel}`}>
                  <Td>
                    <Link className="font-medium text-brand-700 hover:underline" href={`/troubleshooting/${r.customerId}/${r.channel.toLowerCase()}`}>
                      {r.customerName}
                    </Link>
                  </Td>
                  <Td>
                    <ChannelBadge channel={r.channel} state={r.connectionState as ChannelState} />
                  </Td>
                  <Td>
                    <div className="flex flex-wrap gap-1">
                      <OverallBadge overall={r.verdict} />
                      {r.reconnectRequired && <Badge tone="danger">Reconnect required</Badge>}
                      {r.silent && <Badge tone="warning">Silent</Badge>}
                    </div>
                  </Td>
                  <Td className="max-w-sm text-sm text-ink-muted">{r.mainReason ?? "—"}</Td>
                  <Td>{r.mainOwner ? <OwnerBadge owner={r.mainOwner} /> : "—"}</Td>
                  <Td className="whitespace-nowrap text-sm">
                    <span className={r.expiry && r.expiry.daysLeft <= 14 ? "font-medium text-amber-800" : undefined}>{expiryText(r.expiry)}</span>
                  </Td>
                  <Td className="whitespace-nowrap text-sm">{r.lastRunAt ? <RelativeTime date={r.lastRunAt} /> : "Never"}</Td>
                </Tr>
              ))}
            </DataTable>
          )}
      </QueryState>
    </div>
  );
}
