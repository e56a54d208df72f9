import type { Metadata } from "next";
import Link from "next/link";
import { CatalogueBrowser } from "@/components/diagnostics/catalogue-browser";
import { NotAllowed } from "@/components/shell";
import { PageHeader } from "@/components/ui";
import { staffCan } from "@/server/auth/page-guard";

export const metadata: Metadata = { title: "Error catalogue" };

export default async function Page({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  if (!(await staffCan("diagnostics.run"))) return <NotAllowed />;
  const { q } = await searchParams;
  return (
    <>
      <PageHeader
        title="Error catalogue"
        eyebrow={<Link href="/troubleshooting">Back to channel health</Link>}
        description="Sinch reason codes and Meta codes in plain language: the cause, who fixes it, and how."
      />
      <CatalogueBrowser initialQuery={(q ?? "").slice(0, 200)} />
    </>
  );
}
