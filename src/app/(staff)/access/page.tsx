import type { Metadata } from "next";
import Link from "next/link";
import { GrantsTable } from "@/components/access/grants-table";
import { NotAllowed } from "@/components/shell";
import { cx, focusRing, PageHeader, Pagination } from "@/components/ui";
import { staffCan } from "@/server/auth/page-guard";
import { serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Access" };

const PAGE_SIZE = 25;
const filters = [
  { value: "all", label: "All" },
  { value: "live", label: "Live" },
  { value: "invited", label: "Not opened" },
  { value: "active", label: "In use" },
  { value: "ended", label: "Ended" },
] as const;
type Filter = (typeof filters)[number]["value"];

export default async function AccessPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (!(await staffCan("grants.read"))) return <NotAllowed />;
  const params = await searchParams;
  const filter: Filter = filters.some((f) => f.value === params.state) ? (params.state as Filter) : "all";
  const page = Math.max(1, Number.parseInt(params.page ?? "1", 10) || 1);
  const result = await (await serverApi()).access.list({ filter, page, pageSize: PAGE_SIZE });
  const pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  return (
    <>
      <PageHeader title="Access" description="Temporary customer access across all customers: state and time left. Invite from a customer's page." />
      <nav aria-label="Filter by state" className="mb-4 flex flex-wrap gap-2">
        {filters.map((f) => (
          <Link
            key={f.value}
            href={f.value === "all" ? "/access" : `/access?state=${f.value}`}
            aria-current={f.value === filter ? "page" : undefined}
            className={cx(
              "rounded-pill px-3 py-1 text-sm ring-1 ring-line ring-inset",
              focusRing,
              f.value === filter ? "bg-brand-600 text-white ring-brand-600" : "bg-surface text-ink hover:bg-slate-50",
            )}
          >
            {f.label}
          </Link>
        ))}
      </nav>
      <GrantsTable rows={result.rows} />
      <Pagination page={page} pageCount={pageCount} hrefForPage={(p) => `/access?${new URLSearchParams({ ...(filter !== "all" ? { state: filter } : {}), page: String(p) })}`} label="Access pages" className="mt-4" />
    </>
  );
}
