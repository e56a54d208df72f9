"use client";

import dynamic from "next/dynamic";
import { useId, type ReactNode } from "react";
import { Card, CardHeader, ErrorState, Select, Skeleton, cx, focusRing } from "@/components/ui";
import { percent, RANGES, rate, summarise, type Point, type Range } from "./format";
import { VolumeTable } from "./volume-table";

const VolumeCharts = dynamic(() => import("./volume-charts"), { ssr: false, loading: () => <Skeleton className="h-56 w-full" /> });

export type ChannelFilter = "" | "MESSENGER" | "INSTAGRAM" | "WHATSAPP";

export interface VolumeData {
  grain: "hour" | "day";
  series: Point[];
  totals: Omit<Point, "at">;
}

interface Props {
  title: string;
  range: Range;
  onRange: (range: Range) => void;
  channel: ChannelFilter;
  onChannel: (channel: ChannelFilter) => void;
  query: { isPending: boolean; isError: boolean; error: { message: string } | null; data?: VolumeData; refetch: () => unknown };
  children?: ReactNode;
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-control border border-line px-3 py-2">
      <dt className="text-xs text-ink-muted">{label}</dt>
      <dd className="text-lg font-semibold text-ink tabular-nums">{value}</dd>
    </div>
  );
}

/** Inbound/outbound volume and delivery outcome over 24 h / 7 d / 30 d, per channel, as charts and a table. */
export function MessageStats({ title, range, onRange, channel, onChannel, query, children }: Props) {
  const headingId = useId();
  const words = RANGES.find((r) => r.value === range)!.words;
  const data = query.data;
  const summary = data ? summarise(data.series, data.grain, words) : "";
  return (
    <Card as="section" aria-labelledby={headingId}>
      <CardHeader
        id={headingId}
        title={title}
        description="UTC; updated every minute."
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <div role="group" aria-label="Time range" className="inline-flex rounded-control border border-line-strong p-0.5">
              {RANGES.map((r) => (
                <button
                  key={r.value}
                  type="button"
                  aria-pressed={range === r.value}
                  onClick={() => onRange(r.value)}
                  className={cx("rounded-[6px] px-2.5 py-1 text-sm font-medium", focusRing, range === r.value ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100")}
                >
                  {r.label}
                </button>
              ))}
            </div>
            <Select
              aria-label="Channel"
              value={channel}
              onChange={(e) => onChannel(e.target.value as ChannelFilter)}
              options={[
                { value: "", label: "All channels" },
                { value: "MESSENGER", label: "Messenger" },
                { value: "INSTAGRAM", label: "Instagram" },
                { value: "WHATSAPP", label: "WhatsApp" },
              ]}
            />
          </div>
        }
      />
      <div className="mt-4" aria-busy={query.isPending}>
        {query.isError ? (
          <ErrorState message={query.error?.message ?? "The figures could not be loaded."} onRetry={() => void query.refetch()} />
        ) : !data ? (
          <Skeleton className="h-72 w-full" />
        ) : (
          <>
            <dl className="mb-4 grid grid-cols-2 gap-2 sm:grid-cols-4">
              <Figure label="Inbound" value={String(data.totals.inbound)} />
              <Figure label="Outbound" value={String(data.totals.outbound)} />
              <Figure label="Delivered" value={percent(rate(data.totals.delivered, data.totals.outbound))} />
              <Figure label="Failed" value={percent(rate(data.totals.failed, data.totals.outbound))} />
            </dl>
            <p className="sr-only" aria-live="polite">
              {summary}
            </p>
            <VolumeCharts series={data.series} grain={data.grain} summary={summary} />
            <VolumeTable series={data.series} grain={data.grain} label={`${title}: numbers per ${data.grain}`} />
            {children}
          </>
        )}
      </div>
    </Card>
  );
}
