import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConnectWizard } from "@/components/channels/connect-wizard";
import { CHANNEL_NAME, type WizardChannel } from "@/components/channels/types";
import { NotAllowed } from "@/components/shell";
import { PageHeader } from "@/components/ui";
import { ChevronLeftIcon } from "@/components/ui/icons";
import { staffCan } from "@/server/auth/page-guard";
import { serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Connect a channel" };

const CHANNELS: Record<string, WizardChannel> = { messenger: "MESSENGER", instagram: "INSTAGRAM", whatsapp: "WHATSAPP" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Staff run the channel flow on the customer's behalf: `/connect/{customerId}/{messenger|instagram|whatsapp}`. */
export default async function StaffConnectPage({ params }: { params: Promise<{ customerId: string; channel: string }> }) {
  if (!(await staffCan("channels.connect"))) return <NotAllowed />;
  const { customerId, channel: slug } = await params;
  const channel = CHANNELS[slug.toLowerCase()];
  if (!channel || !UUID.test(customerId)) notFound();
  const data = await (await serverApi()).channels.get({ customerId, channel }).catch(() => null);
  if (!data) notFound();
  return (
    <>
      <PageHeader
        title={`Connect ${CHANNEL_NAME[channel]}`}
        description={`For ${data.customerName}. You are connecting on the customer's behalf; every step is recorded in the audit log.`}
        eyebrow={
          <Link href={`/customers/${customerId}`} className="inline-flex items-center gap-1 text-sm text-brand-700 hover:underline">
            <ChevronLeftIcon size={14} />
            {data.customerName}
          </Link>
        }
      />
      <ConnectWizard target={{ mode: "staff", customerId }} channel={channel} />
    </>
  );
}
