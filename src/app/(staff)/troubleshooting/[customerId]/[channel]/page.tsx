import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChannelDiagnosis } from "@/components/diagnostics/channel-diagnosis";
import { NotAllowed } from "@/components/shell";
import { staffCan } from "@/server/auth/page-guard";

export const metadata: Metadata = { title: "Channel diagnosis" };

const CHANNELS = { messenger: "MESSENGER", instagram: "INSTAGRAM", whatsapp: "WHATSAPP" } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function Page({ params }: { params: Promise<{ customerId: string; channel: string }> }) {
  if (!(await staffCan("diagnostics.run"))) return <NotAllowed />;
  const { customerId, channel } = await params;
  const key = channel.toLowerCase() as keyof typeof CHANNELS;
  if (!UUID.test(customerId) || !(key in CHANNELS)) notFound();
  return <ChannelDiagnosis customerId={customerId} channel={CHANNELS[key]} canFix={await staffCan("diagnostics.fix")} />;
}
