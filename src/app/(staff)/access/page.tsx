import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/ui";
import { KeyIcon } from "@/components/ui/icons";

export const metadata: Metadata = { title: "Access" };

export default function Page() {
  return (
    <>
      <PageHeader title="Access" description="Temporary customer access: every invite with its state and time left." />
      <EmptyState icon={<KeyIcon />} title="Nothing here yet" description="Invites you send to customers appear here with their state and time left." />
    </>
  );
}
