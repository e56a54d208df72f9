import type { Metadata } from "next";
import { NotAllowed } from "@/components/shell";
import { EmptyState, PageHeader } from "@/components/ui";
import { SettingsIcon } from "@/components/ui/icons";
import { staffCan } from "@/server/auth/page-guard";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  if (!(await staffCan("settings.read"))) return <NotAllowed />;
  return (
    <>
      <PageHeader title="Settings" description="Sinch access keys, the Meta app, the portal's public URL and access-window limits." />
      <EmptyState icon={<SettingsIcon />} title="Nothing to configure yet" description="Sinch and Meta credentials will be managed here." />
    </>
  );
}
