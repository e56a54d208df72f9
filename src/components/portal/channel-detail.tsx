import { Button, Callout, ChannelBadge, channelName, RelativeTime } from "@/components/ui";
import { BackToChannels } from "./back-to-channels";
import type { OverviewChannel } from "./types";

/** What the customer needs at hand before connecting each channel (Meta's requirements). */
const requirements: Record<OverviewChannel["channel"], string[]> = {
  MESSENGER: [
    "A Facebook account that is an admin of the business's Facebook Page.",
    "The Page you want customers to message. Pages already used elsewhere stay untouched.",
  ],
  INSTAGRAM: [
    "An Instagram professional (business or creator) account.",
    "That account linked to a Facebook Page you administer.",
    "In the Instagram app: Settings → Messages → allow access to messages.",
  ],
  WHATSAPP: [
    "A Meta Business account you can manage (or create one during setup).",
    "A phone number that can receive a verification SMS or call and is not in use on the WhatsApp app.",
    "The business's display name as it should appear to customers.",
  ],
};

export function ChannelDetail({ item, resellerName, expiresAt }: { item: OverviewChannel; resellerName: string; expiresAt: Date }) {
  const name = channelName(item.channel);
  return (
    <div className="space-y-6">
      <BackToChannels />
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold text-ink">{name}</h1>
        <ChannelBadge channel={item.channel} state={item.state} />
      </header>
      <Callout tone={item.state === "active" ? "success" : item.state === "failing" ? "danger" : item.pending ? "info" : "success"} title="What to do next">
        <p>{item.nextStep}</p>
        {item.updatedAt ? (
          <p className="mt-1 text-xs">
            Last change <RelativeTime date={item.updatedAt} />
          </p>
        ) : null}
      </Callout>
      {item.state !== "active" ? (
        <Button href={`/portal/connect/${item.channel.toLowerCase()}`}>
          {item.state === "failing" || item.state === "reconnect_required" ? `Reconnect ${name}` : `Connect ${name}`}
        </Button>
      ) : null}
      {item.asset ? (
        <p className="text-sm">
          Connected account: <span className="font-medium text-ink">{item.asset}</span>
        </p>
      ) : null}
      <section aria-labelledby="needs-title" className="rounded-card border border-line bg-surface p-4">
        <h2 id="needs-title" className="text-sm font-semibold text-ink">
          Have these ready
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-ink-muted">
          {requirements[item.channel].map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </section>
      <p className="text-xs text-ink-muted">
        You can come back to this page until your access ends (<RelativeTime date={expiresAt} />). Questions? Ask {resellerName}.
      </p>
    </div>
  );
}
