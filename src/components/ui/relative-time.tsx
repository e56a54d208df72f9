"use client";

import { useEffect, useState } from "react";
import { cx } from "./cx";

export type RelativeTimeProps = {
  date: Date | string | number;
  className?: string;
  /** Text before the relative part, e.g. "Expires" → "Expires in 2 days". */
  prefix?: string;
};

const relativeFormat = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** Thresholds pick the unit: "in 12 days" reads better than "in 2 weeks" for access windows. */
const steps: [Intl.RelativeTimeFormatUnit, number, number][] = [
  ["minute", 60, 45 * 60],
  ["hour", 3600, 22 * 3600],
  ["day", 24 * 3600, 45 * 24 * 3600],
  ["month", 30 * 24 * 3600, 320 * 24 * 3600],
  ["year", 365 * 24 * 3600, Number.POSITIVE_INFINITY],
];

/** "in 12 days", "3 minutes ago", "just now". */
export function formatRelative(target: Date, now: Date): string {
  const seconds = Math.round((target.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return "just now";
  const [unit, size] = steps.find(([, , below]) => abs < below) ?? ["year", 365 * 24 * 3600];
  return relativeFormat.format(Math.round(seconds / size) || Math.sign(seconds), unit);
}

/** Deterministic UTC text: identical on server and client, so hydration never mismatches. */
export function formatAbsoluteUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const localFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * Relative time that refreshes every minute. The server (and first client render) show the
 * absolute UTC time; the relative text replaces it after mount.
 */
export function RelativeTime({ date, className, prefix }: RelativeTimeProps) {
  const value = date instanceof Date ? date : new Date(date);
  const valid = !Number.isNaN(value.getTime());
  const [now, setNow] = useState<Date | null>(null);

  useEffect(() => {
    setNow(new Date());
    const interval = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(interval);
  }, []);

  if (!valid) return <span className={className}>—</span>;
  const text = now ? formatRelative(value, now) : formatAbsoluteUtc(value);
  return (
    <time
      dateTime={value.toISOString()}
      title={now ? localFormat.format(value) : formatAbsoluteUtc(value)}
      className={cx("whitespace-nowrap", className)}
      suppressHydrationWarning
    >
      {prefix ? `${prefix} ${text}` : text}
    </time>
  );
}
