import Link from "next/link";
import { Badge, ChannelBadge, channelName, RelativeTime } from "@/components/ui";
import { ChevronRightIcon, ClockIcon } from "@/components/ui/icons";
import { cx, focusRing } from "@/components/ui/cx";
import type { Overview } from "./types";

/** The customer's home: what to connect, how far along each channel is, what to do next. */
export function PortalOverview({ overview }: { overview: Overview }) {
  const { progress, channels } = overview;
  const pending = channels.filter((c) => c.pending);
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold text-ink">Connect your channels</h1>
        <p className="text-sm text-ink-muted">
          {overview.resellerName} asked you to connect these channels for <span className="font-medium text-ink">{overview.customerName}</span>.
        </p>
      </header>
      {overview.note ? (
        <blockquote className="rounded-card border border-line bg-surface p-4 text-sm">
          <p className="text-xs font-medium text-ink-muted">A note from {overview.resellerName}</p>
          <p className="mt-1 whitespace-pre-line text-ink">{overview.note}</p>
        </blockquote>
      ) : null}
      <section aria-labelledby="progress-title" className="rounded-card border border-line bg-surface p-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="progress-title" className="text-sm font-semibold text-ink">
            {progress.done} of {progress.total} connected
          </h2>
          <p className="flex items-center gap-1.5 text-xs text-ink-muted">
            <ClockIcon size={14} />
            <RelativeTime date={overview.expiresAt} prefix="Access ends" />
          </p>
        </div>
        <div className="mt-3 h-2 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-label="Channels connected" aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done}>
          <div className="h-full rounded-full bg-green-600" style={{ width: `${progress.total ? (progress.done / progress.total) * 100 : 0}%` }} />
        </div>
        <p className="mt-3 text-sm text-ink-muted">
          {pending.length === 0
            ? "Nothing is waiting for you."
            : `Next: ${channelName(pending[0]!.channel)}. ${pending[0]!.nextStep}`}
          {overview.autoEnds ? " Your access ends by itself once every channel is active." : ""}
        </p>
      </section>
      <ul className="space-y-3" aria-label="Channels to connect">
        {channels.map((c) => (
          <li key={c.channel}>
            <Link
              href={c.pending ? `/portal/connect/${c.channel.toLowerCase()}` : `/portal/channels/${c.channel.toLowerCase()}`}
              className={cx("flex items-center gap-4 rounded-card border border-line bg-surface p-4 hover:border-line-strong", focusRing)}
              data-testid={`portal-channel-${c.channel}`}
            >
              <div className="min-w-0 flex-1 space-y-1">
                <ChannelBadge channel={c.channel} state={c.state} />
                {c.asset ? <p className="truncate text-sm text-ink">{c.asset}</p> : null}
                <p className="text-sm text-ink-muted">{c.nextStep}</p>
              </div>
              {c.pending ? <Badge tone="warning">To do</Badge> : <Badge tone="success">Done</Badge>}
              <ChevronRightIcon aria-hidden="true" className="shrink-0 text-ink-muted" />
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
