import type { Metadata } from "next";
import { NotAllowed } from "@/components/shell";
import { AuditTable } from "@/components/audit/audit-table";
import { AuditFilters } from "@/components/audit/audit-filters";
import { PageHeader, Pagination } from "@/components/ui";
import { staffCan } from "@/server/auth/page-guard";
import { auditActions, type AuditAction } from "@/server/db/schema";
import { serverApi } from "@/trpc/server";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 25;

function parseDate(value: string | undefined, endOfDay = false): Date | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  return new Date(`${value}T${endOfDay ? "23:59:59.999" : "00:00:00.000"}Z`);
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (!(await staffCan("audit.read"))) return <NotAllowed />;
  const params = await searchParams;
  const page = Math.max(1, Number.parseInt(params.page ?? "1", 10) || 1);
  const action = auditActions.includes(params.action as AuditAction) ? (params.action as AuditAction) : undefined;
  const api = await serverApi();
  const [result, staff] = await Promise.all([
    api.audit.list({ actorId: params.actor || undefined, action, from: parseDate(params.from), to: parseDate(params.to, true), page, pageSize: PAGE_SIZE }),
    api.staff.list(),
  ]);
  const pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const query = (p: number) => {
    const q = new URLSearchParams(Object.entries({ ...params, page: String(p) }).filter((e): e is [string, string] => !!e[1]));
    return `/audit?${q.toString()}`;
  };
  return (
    <>
      <PageHeader title="Audit log" description="Every change to access, credentials, channels, roles and settings. Secrets are never recorded." />
      <AuditFilters actions={[...auditActions]} staff={staff.map((s) => ({ id: s.id, email: s.email }))} values={params} />
      <AuditTable rows={result.rows} total={result.total} />
      <Pagination page={page} pageCount={pageCount} hrefForPage={query} label="Audit log pages" className="mt-4" />
    </>
  );
}
