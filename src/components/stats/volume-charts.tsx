"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { bucketLabel, rate, type Point } from "./format";

const COLORS = { inbound: "#4f39f6", outbound: "#0e7490", delivered: "#15803d", failed: "#b91c1c", grid: "#e2e8f0", text: "#475569" };
const axis = { tick: { fill: COLORS.text, fontSize: 12 }, stroke: COLORS.grid };

/**
 * Volume (bars) and delivery outcome (lines). Each chart is one image to assistive technology
 * with a summary as its name; the numbers are in the table next to it. Loaded on demand, so the
 * chart library stays out of the page's first load.
 */
export default function VolumeCharts({ series, grain, summary }: { series: Point[]; grain: "hour" | "day"; summary: string }) {
  const data = series.map((p) => ({ ...p, label: bucketLabel(p.at, grain), deliveredRate: rate(p.delivered, p.outbound), failedRate: rate(p.failed, p.outbound) }));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div role="img" aria-label={`Bar chart of message volume. ${summary}`} className="h-56">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid stroke={COLORS.grid} vertical={false} />
            <XAxis dataKey="label" {...axis} interval="preserveStartEnd" minTickGap={16} />
            <YAxis allowDecimals={false} {...axis} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12, color: COLORS.text }} />
            <Bar dataKey="inbound" name="Inbound" fill={COLORS.inbound} isAnimationActive={false} />
            <Bar dataKey="outbound" name="Outbound" fill={COLORS.outbound} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div role="img" aria-label={`Line chart of the share of outbound messages delivered and failed per ${grain}.`} className="h-56">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid stroke={COLORS.grid} vertical={false} />
            <XAxis dataKey="label" {...axis} interval="preserveStartEnd" minTickGap={16} />
            <YAxis domain={[0, 100]} unit="%" {...axis} />
            <Tooltip formatter={(v) => `${String(v)} %`} />
            <Legend wrapperStyle={{ fontSize: 12, color: COLORS.text }} />
            <Line dataKey="deliveredRate" name="Delivered" stroke={COLORS.delivered} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
            <Line dataKey="failedRate" name="Failed" stroke={COLORS.failed} strokeWidth={2} strokeDasharray="5 3" dot={false} connectNulls isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
