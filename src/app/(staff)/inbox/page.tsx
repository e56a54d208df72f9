import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/ui";
import { InboxIcon } from "@/components/ui/icons";

export const metadata: Metadata = { title: "Inbox" };

export default function Page() {
  return (
    <>
      <PageHeader title="Inbox" description="Conversations from every customer's channels, with delivery status and replies." />
      <EmptyState icon={<InboxIcon />} title="Nothing here yet" description="Messages your customers' contacts send will appear here as soon as Sinch delivers them." />
    </>
  );
}
