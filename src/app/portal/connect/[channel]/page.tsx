import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConnectWizard } from "@/components/channels/connect-wizard";
import { CHANNEL_NAME, type WizardChannel } from "@/components/channels/types";
import { ChevronLeftIcon } from "@/components/ui/icons";
import { EndedFor } from "../../ended-for";
import { portalSession } from "../../session";

export const metadata: Metadata = { title: "Connect a channel" };

const CHANNELS: Record<string, WizardChannel> = { messenger: "MESSENGER", instagram: "INSTAGRAM", whatsapp: "WHATSAPP" };

/** The customer's own connection flow; only channels their access asked for exist. */
export default async function PortalConnectPage({ params }: { params: Promise<{ channel: string }> }) {
  const session = await portalSession();
  if (!session.ok) return <EndedFor session={session} />;
  const channel = CHANNELS[(await params).channel.toLowerCase()];
  if (!channel || !session.grant.channels.includes(channel)) notFound();
  return (
    <div className="space-y-6">
      <Link href="/portal" className="inline-flex items-center gap-1 text-sm text-brand-700 hover:underline">
        <ChevronLeftIcon size={14} />
        All channels
      </Link>
      <h1 className="text-2xl font-semibold text-ink">Connect {CHANNEL_NAME[channel]}</h1>
      <ConnectWizard target={{ mode: "customer" }} channel={channel} />
    </div>
  );
}
