import type { Metadata } from "next";
import { Suspense } from "react";
import { EventsView } from "@/components/inbox/events-view";
import { InboxTabs } from "@/components/inbox/inbox-tabs";
import { NotAllowed } from "@/components/shell";
import { LoadingState, PageHeader } from "@/components/ui";
import { staffCan } from "@/server/auth/page-guard";

export const metadata: Metadata = { title: "Webhook events" };

export default async function InboxEventsPage() {
  if (!(await staffCan("inbox.read"))) return <NotAllowed />;
  const canReplay = await staffCan("inbox.replay");
  return (
    <>
      <PageHeader title="Inbox" description="Every verified Sinch callback as received, with how it was processed. Rejected callbacks are only counted." />
      <InboxTabs />
      <Suspense fallback={<LoadingState label="Loading events" rows={6} />}>
        <EventsView canReplay={canReplay} />
      </Suspense>
    </>
  );
}
