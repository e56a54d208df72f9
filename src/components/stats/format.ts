export interface Point {
  at: Date;
  inbound: number;
  outbound: number;
  delivered: number;
  failed: number;
}

export type Range = "24h" | "7d" | "30d";
export const RANGES: Array<{ value: Range; label: string; words: string }> = [
  { value: "24h", label: "24 h", words: "the last 24 hours" },
  { value: "7d", label: "7 d", words: "the last 7 days" },
  { value: "30d", label: "30 d", words: "the last 30 days" },
];

// UTC on both sides of the wire: the buckets are UTC hours and days.
const hourFmt = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
const dayFmt = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

export const bucketLabel = (at: Date, grain: "hour" | "day") => (grain === "hour" ? hourFmt.format(at) : dayFmt.format(at));

/** Share of outbound messages, as a whole percent; null when nothing was sent. */
export const rate = (part: number, outbound: number): number | null => (outbound > 0 ? Math.round((part / outbound) * 1000) / 10 : null);
export const percent = (value: number | null) => (value === null ? "—" : `${value} %`);

/** One sentence for screen readers and the chart's text alternative. */
export function summarise(series: Point[], grain: "hour" | "day", words: string): string {
  const total = series.reduce((t, p) => ({ inbound: t.inbound + p.inbound, outbound: t.outbound + p.outbound, delivered: t.delivered + p.delivered, failed: t.failed + p.failed }), { inbound: 0, outbound: 0, delivered: 0, failed: 0 });
  if (!total.inbound && !total.outbound) return `No messages in ${words}.`;
  const busiest = series.reduce((best, p) => (p.inbound + p.outbound > best.inbound + best.outbound ? p : best), series[0]!);
  return `${total.inbound} inbound and ${total.outbound} outbound messages in ${words}; busiest ${grain === "hour" ? "hour" : "day"} ${bucketLabel(busiest.at, grain)} (UTC) with ${busiest.inbound + busiest.outbound}. Delivered ${percent(rate(total.delivered, total.outbound))}, failed ${percent(rate(total.failed, total.outbound))} of outbound.`;
}
