"use client";

import { useQuery } from "@tanstack/react-query";
import { ErrorState, LoadingState, PageHeader } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
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
      {q.isPending ? (
        <LoadingState label="Loading settings" rows={6} />
      ) : q.isError ? (
        <ErrorState message={errorDetails(q.error).message} onRetry={() => void q.refetch()} />
      ) : (
        <div className="space-y-6">
          {settingGroups.map((g) => (
            <SettingsGroupForm key={g.id} group={g} values={new Map(q.data.map((s) => [s.key, s]))} canWrite={canWrite} />
          ))}
        </div>
      )}
    </>
  );
}
