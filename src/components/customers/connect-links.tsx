import { Button, channelName } from "@/components/ui";

const ALL = ["MESSENGER", "INSTAGRAM", "WHATSAPP"] as const;

/** Staff entry points to the guided connection flows (connect, or reconnect a broken channel). */
export function ConnectLinks({ customerId, channels }: { customerId: string; channels: Array<{ channel: (typeof ALL)[number]; state: string }> }) {
  const stateOf = new Map(channels.map((c) => [c.channel, c.state]));
  return (
    <nav aria-label="Connect channels" className="mt-4 flex flex-wrap gap-2 border-t border-line pt-4">
      {ALL.map((channel) => {
        const state = stateOf.get(channel);
        const label = state === "active" ? `Manage ${channelName(channel)}` : state && state !== "not_started" && state !== "disconnected" ? `Continue ${channelName(channel)}` : `Connect ${channelName(channel)}`;
        return (
          <Button key={channel} size="sm" variant={state === "active" ? "ghost" : "secondary"} href={`/connect/${customerId}/${channel.toLowerCase()}`}>
            {label}
          </Button>
        );
      })}
    </nav>
  );
}
