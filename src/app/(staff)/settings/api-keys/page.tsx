import type { Metadata } from "next";
import { ApiKeysView } from "@/components/api-keys/api-keys-view";
import { SettingsNav } from "@/components/settings/settings-nav";
import { NotAllowed } from "@/components/shell";
import { Button, PageHeader } from "@/components/ui";
import { staffCan } from "@/server/auth/page-guard";
import { settingsSections } from "../sections";

export const metadata: Metadata = { title: "API keys" };

export default async function Page() {
  if (!(await staffCan("apiKeys.manage"))) return <NotAllowed />;
  return (
    <>
      <PageHeader
        title="Settings"
        description="Drive onboarding from your own systems: create customers, send invites and watch channels through the automation API."
        actions={
          <Button href="/api-docs" variant="secondary">
            API reference
          </Button>
        }
      />
      <SettingsNav sections={await settingsSections()} />
      <ApiKeysView />
    </>
  );
}
