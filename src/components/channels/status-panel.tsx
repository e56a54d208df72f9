"use client";

import { Button, Callout, ChannelBadge } from "@/components/ui";
import { INSTAGRAM_HELP } from "@/server/services/channels/requirements";
import { CHANNEL_NAME, type Connection, type WizardChannel, type WizardTarget } from "./types";
import { DisconnectButton } from "./disconnect-button";
import { SenderTokenForm } from "./sender-token-form";

function liveText(channel: WizardChannel, c: Connection): string {
  const name = CHANNEL_NAME[channel];
  switch (c.state) {
    case "active":
      return `${name} is active.`;
    case "activating":
      return c.waitingForSenderToken ? `${name} is almost ready. ${c.description ?? ""}` : `Activating ${name}… Sinch is checking the connection; this usually takes under a minute.`;
    case "failing":
      return `${name} is failing.`;
    case "reconnect_required":
      return `${name} needs to be reconnected.`;
    case "disconnected":
      return `${name} is disconnected.`;
    default:
      return `${name} is not connected yet.`;
  }
}

/** The channel's live state: announced politely as it moves activating → active/failing. */
export function StatusPanel({ channel, connection, target, onReconnect, onChanged }: { channel: WizardChannel; connection: Connection; target: WizardTarget; onReconnect: () => void; onChanged: () => void }) {
  const broken = connection.state === "failing" || connection.state === "reconnect_required";
  const asset = connection.pageName ?? connection.displayPhoneNumber;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <ChannelBadge channel={channel} state={connection.state} />
        {asset ? <span className="text-sm text-ink">{asset}</span> : null}
      </div>
      {channel === "WHATSAPP" && connection.displayPhoneNumber ? (
        <p className="text-sm text-ink-muted" data-testid="whatsapp-data-region">
          {connection.dataLocalizationRegion
            ? `Meta stores this number's messages at rest in ${connection.dataLocalizationRegion} (local storage).`
            : `Meta stores this number's messages in its default region${connection.metaLocalStorage && connection.metaLocalStorage !== "UNSPECIFIED" ? ` (${connection.metaLocalStorage} was requested; Meta has not reported it yet)` : ""}.`}
        </p>
      ) : null}
      <p role="status" aria-live="polite" className="text-sm text-ink">
        {liveText(channel, connection)}
      </p>
      {connection.state === "activating" && connection.stuck ? (
        <Callout tone="warning" title="Still activating after 15 minutes">
          Sinch has not finished checking this connection. Nothing is needed from you; {target.mode === "staff" ? "open a Sinch support ticket with the app id if it stays like this." : "your provider has been told."}
        </Callout>
      ) : null}
      {broken ? (
        <Callout tone="danger" title="What Sinch reported" action={<Button size="sm" onClick={onReconnect}>Reconnect</Button>}>
          <p>{connection.description ?? "No reason was given."}</p>
          {connection.fix ? <p className="mt-1 font-medium">{connection.fix}</p> : null}
        </Callout>
      ) : null}
      {channel === "INSTAGRAM" && connection.state === "active" ? (
        <Callout tone="info" title="Before your first message">
          <p>{INSTAGRAM_HELP.writeFirst}</p>
          <p className="mt-1">{INSTAGRAM_HELP.allowAccess}</p>
        </Callout>
      ) : null}
      {target.mode === "staff" && channel === "WHATSAPP" && connection.waitingForSenderToken ? <SenderTokenForm customerId={target.customerId} onSaved={onChanged} /> : null}
      {target.mode === "staff" && !["not_started", "disconnected"].includes(connection.state) ? (
        <DisconnectButton customerId={target.customerId} channel={channel} onDone={onChanged} />
      ) : null}
    </div>
  );
}
