import type { Metadata } from "next";
import { EndpointsView } from "@/components/events/endpoints-view";
import { SettingsNav } from "@/components/settings/settings-nav";
import { NotAllowed } from "@/components/shell";
import { PageHeader } from "@/components/ui";
import { staffCan } from "@/server/auth/page-guard";
import { settingsSections } from "../sections";

export const metadata: Metadata = { title: "Outgoing events" };

export default async function Page() {
  if (!(await staffCan("events.manage"))) return <NotAllowed />;
  return (
    <>
      <PageHeader title="Settings" description="Signed events for your own systems: what happened to customers, access, channels and messages." />
      <SettingsNav sections={await settingsSections()} />
      <EndpointsView />
    </>
  );
}
