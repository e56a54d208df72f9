"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { ConnectLinks } from "./connect-links";
import { Badge, Card, CardHeader, ChannelBadge, DescriptionItem, DescriptionList, ErrorState, LoadingState, PageHeader, RegionBadge } from "@/components/ui";
import { NotFoundPanel } from "@/components/shell/not-found-panel";
import { CustomerMessageStats } from "@/components/stats/customer-message-stats";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";
import { AccessPanelSlot } from "./access-panel-slot";
import { ChecklistCard } from "./checklist-card";
import { CustomerTimeline } from "./customer-timeline";
import { DangerZone } from "./danger-zone";
import { stageLabels } from "./labels";
import { SetupPanel } from "./setup-panel";
import { SinchIdsCard } from "./sinch-ids-card";

export interface CustomerPermissions {
  canArchive: boolean;
  canDeleteApp: boolean;
}

export function CustomerPage({ customerId, permissions }: { customerId: string; permissions: CustomerPermissions }) {
  const trpc = useTRPC();
  const router = useRouter();
  const autoStart = useSearchParams().get("start") === "1";
  const q = useQuery({
    ...trpc.customers.get.queryOptions({ customerId }),
    // Poll while a step runs so the progress steps move as Sinch answers.
    refetchInterval: (query) => (query.state.data?.setupStatus === "in_progress" ? 800 : false),
  });
  const onStarted = useCallback(() => router.replace(`/customers/${customerId}`, { scroll: false }), [router, customerId]);

  if (q.isPending) return <LoadingState label="Loading customer" rows={6} />;
  if (q.isError) {
    if ((q.error as { data?: { code?: string } }).data?.code === "NOT_FOUND") return <NotFoundPanel backHref="/customers" backLabel="Back to customers" />;
    return <ErrorState message={errorDetails(q.error).message} onRetry={() => void q.refetch()} />;
  }
  const c = q.data;
  const stage = stageLabels[c.stage];

  return (
    <>
      <PageHeader
        title={c.businessName}
        eyebrow={<Link href="/customers">← Customers</Link>}
        description={`${c.contactName} · ${c.contactEmail}`}
        meta={
          <>
            <RegionBadge region={c.region} />
            <Badge tone={stage.tone} dot>
              {stage.label}
            </Badge>
            {c.archivedAt ? <Badge tone="neutral">Archived</Badge> : null}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          {c.setupStatus !== "ready" ? <SetupPanel customer={c} autoStart={autoStart} onStarted={onStarted} /> : null}
          <SinchIdsCard customer={c} />
          <Card as="section" aria-labelledby="channels-h">
            <CardHeader id="channels-h" title="Channels" />
            <div className="mt-3 flex flex-wrap gap-2">
              {c.channels.length ? (
                c.channels.map((ch) => <ChannelBadge key={ch.channel} channel={ch.channel} state={ch.state} />)
              ) : (
                <p className="text-sm text-ink-muted">{c.setupStatus === "ready" ? "No channel connected yet." : "Channels can be connected once the Sinch setup is complete."}</p>
              )}
            </div>
            {c.setupStatus === "ready" && !c.archivedAt ? <ConnectLinks customerId={c.id} channels={c.channels} /> : null}
          </Card>
          {c.setupStatus === "ready" ? <CustomerMessageStats customerId={c.id} /> : null}
          <ChecklistCard customer={c} />
          <CustomerTimeline customerId={c.id} live={c.setupStatus === "in_progress"} />
        </div>
        <div className="min-w-0 space-y-6">
          <Card as="section" aria-labelledby="contact-h">
            <CardHeader id="contact-h" title="Customer" />
            <DescriptionList layout="stacked" className="mt-3">
              <DescriptionItem term="Contact">{c.contactName}</DescriptionItem>
              <DescriptionItem term="Email" copyValue={c.contactEmail} copyLabel="contact email">
                {c.contactEmail}
              </DescriptionItem>
              <DescriptionItem term="Project mode">{c.projectMode === "subproject" ? "Subproject" : "Linked dashboard project"}</DescriptionItem>
              <DescriptionItem term="Portal id" copyValue={c.id} copyLabel="portal customer id" mono>
                {c.id}
              </DescriptionItem>
            </DescriptionList>
          </Card>
          {/* Temporary access panel: filled by the access feature (see access-panel-slot.tsx). */}
          <AccessPanelSlot customerId={c.id} businessName={c.businessName} contactEmail={c.contactEmail} setupReady={c.setupStatus === "ready"} />
          <DangerZone customer={c} canArchive={permissions.canArchive} canDeleteApp={permissions.canDeleteApp} />
        </div>
      </div>
    </>
  );
}
