import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChannelDetail } from "@/components/portal/channel-detail";
import { getDb } from "@/server/db";
import { portalOverview } from "@/server/services/access/portal";
import { portalPage } from "../../portal-frame";

export const metadata: Metadata = { title: "Connect a channel" };

export default async function PortalChannelPage({ params }: { params: Promise<{ channel: string }> }) {
  const { channel } = await params;
  return portalPage(async (grant) => {
    const overview = await portalOverview(await getDb(), grant);
    // Only channels this grant asked for exist here; anything else is a 404.
    const item = overview.channels.find((c) => c.channel.toLowerCase() === channel.toLowerCase());
    if (!item) notFound();
    return <ChannelDetail item={item} resellerName={overview.resellerName} expiresAt={overview.expiresAt} />;
  });
}
