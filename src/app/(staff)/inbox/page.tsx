import type { Metadata } from "next";
import { Suspense } from "react";
import { InboxTabs } from "@/components/inbox/inbox-tabs";
import { InboxView } from "@/components/inbox/inbox-view";
import { NotAllowed } from "@/components/shell";
import { LoadingState, PageHeader } from "@/components/ui";
import { staffCan } from "@/server/auth/page-guard";

export const metadata: Metadata = { title: "Inbox" };

/** Every customer's conversations; `?customer=<id>` narrows it to one customer. */
export default async function InboxPage() {
  if (!(await staffCan("inbox.read"))) return <NotAllowed />;
  const canReply = await staffCan("inbox.reply");
  return (
    <>
      <PageHeader title="Inbox" description="Conversations from every customer's channels, with delivery status and replies." />
      <InboxTabs />
      <Suspense fallback={<LoadingState label="Loading inbox" rows={6} />}>
        <InboxView canReply={canReply} />
      </Suspense>
    </>
  );
}
