"use client";

import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Fragment, useState } from "react";
import { Badge, Button, EmptyState, FormField, Input, QueryState, RelativeTime, Select, toast } from "@/components/ui";
import { InboxIcon } from "@/components/ui/icons";
import { useTRPC } from "@/trpc/react";
import { EventDetail } from "./event-detail";

const STATUSES = ["processed", "stored_raw", "failed"] as const;
type Status = (typeof STATUSES)[number];
const statusTone = { processed: "success", stored_raw: "neutral", failed: "danger" } as const;

function FailureCounts({ appId }: { appId: string }) {
  const trpc = useTRPC();
  const failures = useQuery(trpc.inbox.signatureFailures.queryOptions({ appId }));
  if (!failures.data?.length) return <p className="text-sm text-slate-600">No rejected callbacks for this app.</p>;
  return (
    <p className="flex flex-wrap gap-2 text-sm">
      Rejected callbacks:
      {failures.data.map((f) => (
        <Badge key={f.reason} tone="warning">
          {f.reason.replace("_", " ")}: {f.count} (last <RelativeTime date={f.lastAt} />)
        </Badge>
      ))}
    </p>
  );
}

/** Stored raw callbacks per app with verdict and processing result, JSON export and replay. */
export function EventsView({ canReplay }: { canReplay: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const status = STATUSES.includes(params.get("status") as Status) ? (params.get("status") as Status) : undefined;
  const filter = { customerId: params.get("customer") || undefined, appId: params.get("app") || undefined, kind: params.get("kind") || undefined, status };
  const [open, setOpen] = useState<string | undefined>(params.get("event") || undefined);
  const [exporting, setExporting] = useState(false);
  const customers = useQuery(trpc.inbox.customers.queryOptions({}));
  const events = useInfiniteQuery(trpc.inbox.events.infiniteQueryOptions({ ...filter, limit: 25 }, { getNextPageParam: (last) => last.nextCursor ?? undefined, refetchInterval: 5_000 }));
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];

  const set = (key: string, value: string) => {
    const q = new URLSearchParams(params.toString());
    if (value) q.set(key, value);
    else q.delete(key);
    q.delete("event");
    router.replace(`${pathname}?${q.toString()}`, { scroll: false });
  };

  async function exportJson() {
    setExporting(true);
    try {
      const rows = await queryClient.fetchQuery(trpc.inbox.exportEvents.queryOptions(filter));
      const url = URL.createObjectURL(new Blob([JSON.stringify(rows, null, 2)], { type: "application/json" }));
      const a = Object.assign(document.createElement("a"), { href: url, download: `sinch-events-${new Date().toISOString().slice(0, 19)}.json` });
      a.click();
      URL.revokeObjectURL(url);
      toast.success(`Exported ${rows.length} events`);
    } catch {
      toast.error("The export failed. Try again.");
    } finally {
      setExporting(false);
    }
  }

  return (
    <div className="space-y-4">
      <div role="search" aria-label="Filter events" className="grid gap-3 rounded-card border border-line bg-surface p-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end">
        <FormField label="Customer" id="ev-customer">
          <Select id="ev-customer" value={filter.customerId ?? ""} placeholder="All customers" options={(customers.data ?? []).map((c) => ({ value: c.id, label: c.name }))} onChange={(e) => set("customer", e.target.value)} />
        </FormField>
        <FormField label="App id" id="ev-app">
          <Input id="ev-app" defaultValue={filter.appId ?? ""} onBlur={(e) => set("app", e.target.value.trim())} onKeyDown={(e) => e.key === "Enter" && set("app", e.currentTarget.value.trim())} />
        </FormField>
        <FormField label="Kind" id="ev-kind">
          <Input id="ev-kind" placeholder="e.g. message_inbound" defaultValue={filter.kind ?? ""} onBlur={(e) => set("kind", e.target.value.trim())} onKeyDown={(e) => e.key === "Enter" && set("kind", e.currentTarget.value.trim())} />
        </FormField>
        <FormField label="Result" id="ev-status">
          <Select id="ev-status" value={status ?? ""} placeholder="Any result" options={STATUSES.map((s) => ({ value: s, label: s.replace("_", " ") }))} onChange={(e) => set("status", e.target.value)} />
        </FormField>
        <Button variant="secondary" onClick={() => void exportJson()} loading={exporting}>
          Export JSON
        </Button>
      </div>
      {filter.appId ? <FailureCounts appId={filter.appId} /> : null}
      {open && events.data && !items.some((i) => i.id === open) ? (
        <section aria-label="Linked event" className="rounded-card border border-line bg-surface p-4">
          <EventDetail eventId={open} canReplay={canReplay} />
        </section>
      ) : null}
      <QueryState query={events} loadingLabel="Loading events" rows={5} errorTitle="Could not load events">
        {() =>
          !items.length ? (
            <EmptyState icon={<InboxIcon />} title="No stored callbacks" description="Verified Sinch callbacks appear here as they arrive." />
          ) : (
            <div className="overflow-x-auto rounded-card border border-line bg-surface">
              <table className="w-full text-sm">
                <caption className="sr-only">Stored webhook events, newest first</caption>
                <thead className="bg-slate-50 text-left text-xs text-slate-600">
                  <tr>
                    <th className="p-2">Received</th>
                    <th className="p-2">Customer / app</th>
                    <th className="p-2">Type</th>
                    <th className="p-2">Verdict</th>
                    <th className="p-2">Result</th>
                    <th className="p-2">Replays</th>
                    <th className="p-2"><span className="sr-only">Details</span></th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-line">
                  {items.map((e) => (
                    <Fragment key={e.id}>
                      <tr data-testid="event-row">
                        <td className="p-2"><RelativeTime date={e.receivedAt} /></td>
                        <td className="p-2"><span className="block">{e.customerName ?? "—"}</span><code className="text-xs text-slate-500">{e.appId}</code></td>
                        <td className="p-2"><code>{e.typeKey}</code><span className="block text-xs text-slate-500">{e.size} bytes</span></td>
                        <td className="p-2"><Badge tone={e.verdict === "signed" ? "success" : "warning"}>{e.verdict}</Badge></td>
                        <td className="p-2"><Badge tone={statusTone[e.status]}>{e.status.replace("_", " ")}</Badge></td>
                        <td className="p-2">{e.replayCount}</td>
                        <td className="p-2 text-right">
                          <Button size="sm" variant="ghost" aria-expanded={open === e.id} onClick={() => setOpen(open === e.id ? undefined : e.id)}>
                            {open === e.id ? "Hide" : "View"}
                          </Button>
                        </td>
                      </tr>
                      {open === e.id ? (
                        <tr>
                          <td colSpan={7} className="bg-slate-50 p-3"><EventDetail eventId={e.id} canReplay={canReplay} /></td>
                        </tr>
                      ) : null}
                    </Fragment>
                  ))}
                </tbody>
              </table>
              {events.hasNextPage ? (
                <div className="p-3"><Button variant="secondary" onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>Load older events</Button></div>
              ) : null}
            </div>
          )}
      </QueryState>
    </div>
  );
}
