import type { Metadata } from "next";
import Link from "next/link";
import { HealthOverview } from "@/components/diagnostics/health-overview";
import { NotAllowed } from "@/components/shell";
import { Button, PageHeader } from "@/components/ui";
import { staffCan } from "@/server/auth/page-guard";

export const metadata: Metadata = { title: "Troubleshooting" };

export default async function Page() {
  if (!(await staffCan("diagnostics.run"))) return <NotAllowed />;
  return (
    <>
      <PageHeader
        title="Troubleshooting"
        description="Every customer channel as healthy, warning or broken, with the main reason and who must fix it."
        actions={
          <Button variant="secondary" href="/troubleshooting/catalogue">
            Error catalogue
          </Button>
        }
      />
      <HealthOverview />
      <p className="mt-4 text-sm text-ink-muted">
        Channels are checked every 30 minutes. Codes link to the <Link className="text-brand-700 underline" href="/troubleshooting/catalogue">error catalogue</Link>.
      </p>
    </>
  );
}
