"use client";

import { useQuery } from "@tanstack/react-query";
import { PageHeader, QueryState } from "@/components/ui";
import { useTRPC } from "@/trpc/react";
import { SettingsGroupForm } from "./settings-group-form";
import { SettingsNav, type SettingsSections } from "./settings-nav";
import { settingGroups } from "./settings-groups";

export function SettingsPage({ canWrite, sections }: { canWrite: boolean; sections: SettingsSections }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.settings.get.queryOptions());
  return (
    <>
      <PageHeader title="Settings" description="Sinch access keys, the Meta app, the portal's public URL and access-window limits. Secrets are write-only." />
      <SettingsNav sections={sections} />
      <QueryState query={q} loadingLabel="Loading settings" rows={6}>
        {(data) => (
          <div className="space-y-6">
            {settingGroups.map((g) => (
              <SettingsGroupForm key={g.id} group={g} values={new Map(data.map((s) => [s.key, s]))} canWrite={canWrite} />
            ))}
          </div>
        )}
      </QueryState>
    </>
  );
}
