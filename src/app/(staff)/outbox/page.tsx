import type { Metadata } from "next";
import { OutboxView } from "@/components/outbox/outbox-view";
import { NotAllowed } from "@/components/shell";
import { Callout, PageHeader } from "@/components/ui";
import { env } from "@/env";
import { staffCan } from "@/server/auth/page-guard";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage() {
  if (!(await staffCan("outbox.read"))) return <NotAllowed />;
  return (
    <>
      <PageHeader title="Outbox" description="Every email the portal sends. Bodies are stored encrypted; invite emails contain live single-use links." />
      {env.SMTP_URL ? null : (
        <Callout tone="warning" title="No mail server configured" className="mb-4">
          SMTP_URL is not set, so emails are not sent. Read them here and pass links on yourself.
        </Callout>
      )}
      <OutboxView />
    </>
  );
}
