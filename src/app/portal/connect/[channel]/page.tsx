import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConnectWizard } from "@/components/channels/connect-wizard";
import { CHANNEL_NAME, type WizardChannel } from "@/components/channels/types";
import { BackToChannels } from "@/components/portal/back-to-channels";
import { portalPage } from "../../portal-frame";

export const metadata: Metadata = { title: "Connect a channel" };

const CHANNELS: Record<string, WizardChannel> = { messenger: "MESSENGER", instagram: "INSTAGRAM", whatsapp: "WHATSAPP" };

/** The customer's own connection flow; only channels their access asked for exist. */
export default async function PortalConnectPage({ params }: { params: Promise<{ channel: string }> }) {
  const { channel: slug } = await params;
  return portalPage((grant) => {
    const channel = CHANNELS[slug.toLowerCase()];
    if (!channel || !grant.channels.includes(channel)) notFound();
    return (
      <div className="space-y-6">
        <BackToChannels />
        <h1 className="text-2xl font-semibold text-ink">Connect {CHANNEL_NAME[channel]}</h1>
        <ConnectWizard target={{ mode: "customer" }} channel={channel} />
      </div>
    );
  });
}
