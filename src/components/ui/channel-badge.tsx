import type { ReactNode } from "react";
import { cx } from "./cx";
import { InstagramIcon, MessengerIcon, WhatsAppIcon } from "./icons";
import { channelStateLabel, channelStateTone, toneBadge, toneDot, type ChannelState } from "./tones";

export type Channel = "MESSENGER" | "INSTAGRAM" | "WHATSAPP";

const channels: Record<Channel, { name: string; icon: ReactNode; color: string }> = {
  MESSENGER: { name: "Messenger", icon: <MessengerIcon size={14} />, color: "text-[#0866ff]" },
  INSTAGRAM: { name: "Instagram", icon: <InstagramIcon size={14} />, color: "text-[#c13584]" },
  WHATSAPP: { name: "WhatsApp", icon: <WhatsAppIcon size={14} />, color: "text-[#128c4a]" },
};

export function channelName(channel: Channel): string {
  return channels[channel].name;
}

export type ChannelBadgeProps = {
  channel: Channel;
  /** Connection state; omitted → the badge names the channel only. */
  state?: ChannelState;
  className?: string;
};

/** Channel name with its brand icon, plus the connection state in words and colour. */
export function ChannelBadge({ channel, state, className }: ChannelBadgeProps) {
  const info = channels[channel];
  const tone = state ? channelStateTone(state) : "neutral";
  return (
    <span
      className={cx(
        "inline-flex max-w-full items-center gap-1.5 rounded-pill py-0.5 pr-2 pl-1.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        state ? toneBadge[tone] : "bg-surface text-ink ring-line-strong",
        className,
      )}
    >
      <span className={info.color}>{info.icon}</span>
      <span>{info.name}</span>
      {state && (
        <>
          <span aria-hidden="true" className={cx("size-1.5 rounded-full", toneDot[tone])} />
          <span className="sr-only">:</span>
          <span>{channelStateLabel(state)}</span>
        </>
      )}
    </span>
  );
}
