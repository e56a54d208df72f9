import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/ui";
import { UsersIcon } from "@/components/ui/icons";

export const metadata: Metadata = { title: "Customers" };

export default function Page() {
  return (
    <>
      <PageHeader title="Customers" description="Every business customer, its Sinch project, app and channels." />
      <EmptyState icon={<UsersIcon />} title="Nothing here yet" description="Customers you create appear here with their region, channels and access status." />
    </>
  );
}
