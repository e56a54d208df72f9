import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/ui";
import { WrenchIcon } from "@/components/ui/icons";

export const metadata: Metadata = { title: "Troubleshooting" };

export default function Page() {
  return (
    <>
      <PageHeader title="Troubleshooting" description="Diagnose broken channels across Sinch, Meta and the portal, and start the fix." />
      <EmptyState icon={<WrenchIcon />} title="Nothing here yet" description="Channel health and diagnostics appear here once customers have connected channels." />
    </>
  );
}
