"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/trpc/react";

interface SweepDone {
  done: number;
  broken: number;
  failed: number;
}

/** Live progress of one bulk sweep, announced politely to screen readers. */
export function SweepProgress({ sweepId, onDone }: { sweepId: string; onDone: (s: SweepDone) => void }) {
  const trpc = useTRPC();
  const sweep = useQuery({
    ...trpc.diagnostics.sweep.queryOptions({ sweepId }),
    refetchInterval: (q) => (q.state.data?.status === "done" ? false : 1000),
  });
  const reported = useRef(false);
  const s = sweep.data;
  useEffect(() => {
    if (s?.status === "done" && !reported.current) {
      reported.current = true;
      onDone(s);
    }
  }, [s, onDone]);
  if (!s) return null;
  const pct = s.total === 0 ? 100 : Math.round((s.done / s.total) * 100);
  const label = s.status === "done" ? `Checked ${s.done} of ${s.total} channels` : `Checking channels: ${s.done} of ${s.total}`;
  return (
    <div className="rounded-card border border-line bg-surface p-3 shadow-card">
      <div className="mb-2 flex justify-between text-sm">
        <span id={`sweep-${sweepId}`}>{label}</span>
        <span className="text-ink-muted" aria-live="polite">
          {s.broken} broken{s.failed ? `, ${s.failed} not checked` : ""}
        </span>
      </div>
      <div role="progressbar" aria-labelledby={`sweep-${sweepId}`} aria-valuemin={0} aria-valuemax={s.total} aria-valuenow={s.done} aria-valuetext={`${pct}%`} className="h-2 overflow-hidden rounded-pill bg-slate-200">
        <div className="h-full bg-brand-600 transition-[width]" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
