import type { Metadata } from "next";
import { EndpointDetail } from "@/components/events/endpoint-detail";
import { SettingsNav } from "@/components/settings/settings-nav";
import { NotAllowed, NotFoundPanel } from "@/components/shell";
import { PageHeader } from "@/components/ui";
import { staffCan } from "@/server/auth/page-guard";
import { settingsSections } from "../../sections";

export const metadata: Metadata = { title: "Event endpoint" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function Page({ params }: { params: Promise<{ endpointId: string }> }) {
  const { endpointId } = await params;
  if (!(await staffCan("events.manage"))) return <NotAllowed />;
  if (!UUID.test(endpointId)) return <NotFoundPanel backHref="/settings/events" backLabel="Back to endpoints" />;
  return (
    <>
      <PageHeader title="Settings" description="An endpoint's settings and its delivery log." />
      <SettingsNav sections={await settingsSections()} />
      <EndpointDetail endpointId={endpointId} />
    </>
  );
}
