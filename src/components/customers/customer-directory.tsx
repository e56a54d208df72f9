"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import {
  Badge,
  Button,
  ChannelBadge,
  DataTable,
  EmptyState,
  PageHeader,
  Pagination,
  QueryState,
  RegionBadge,
  RelativeTime,
  Td,
  Tr,
} from "@/components/ui";
import { PlusIcon, UsersIcon } from "@/components/ui/icons";
import { useTRPC } from "@/trpc/react";
import { CustomerFilters, emptyFilters, type Filters } from "./customer-filters";
import { accessLabel, healthLabels, stageLabels } from "./labels";

const PAGE_SIZE = 25;

export function CustomerDirectory({ canCreate }: { canCreate: boolean }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<Filters>(emptyFilters);
  const [page, setPage] = useState(1);
  const search = useDeferredValue(filters.search.trim());
  const input = {
    search: search || undefined,
    region: filters.region || undefined,
    channel: filters.channel || undefined,
    health: filters.health || undefined,
    stage: filters.stage || undefined,
    archived: filters.archived || undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useQuery({ ...trpc.customers.list.queryOptions(input), placeholderData: keepPreviousData });
  const filtered = JSON.stringify({ ...filters, search: filters.search.trim() }) !== JSON.stringify(emptyFilters);
  const newButton = canCreate ? (
    <Button href="/customers/new" icon={<PlusIcon />}>
      New customer
    </Button>
  ) : null;

  return (
    <>
      <PageHeader title="Customers" description="Every business customer, its Sinch project, app and channels." actions={newButton} />
      <CustomerFilters value={filters} onChange={(next) => (setFilters(next), setPage(1))} />
      <QueryState query={list} loadingLabel="Loading customers" rows={5}>
        {(data) =>
          data.total === 0 && !filtered ? (
            <EmptyState
              icon={<UsersIcon />}
              title="No customers yet"
              description="Create a customer: the portal makes its Sinch project, Conversation API app and signed webhook in one step."
              action={newButton}
            />
          ) : (
            <>
              <DataTable label="Customers" columns={["Customer", "Region", "Stage", "Channels", "Access", { label: "Last activity", align: "right" }]} empty="No customers match these filters.">
                {data.rows.map((c) => {
                  const access = accessLabel(c.access);
                  return (
                    <Tr key={c.id} data-testid="customer-row">
                      <Td>
                        <Link href={`/customers/${c.id}`} className="font-medium text-brand-700 hover:underline">
                          {c.businessName}
                        </Link>
                        <p className="text-xs text-ink-muted">{c.contactEmail}</p>
                      </Td>
                      <Td>
                        <RegionBadge region={c.region} />
                      </Td>
                      <Td>
                        <Badge tone={stageLabels[c.stage].tone} dot>
                          {stageLabels[c.stage].label}
                        </Badge>
                      </Td>
                      <Td>
                        <div className="flex flex-wrap gap-1">
                          {c.channels.length ? c.channels.map((ch) => <ChannelBadge key={ch.channel} channel={ch.channel} state={ch.state} />) : (
                            <span className="text-sm text-ink-muted">{healthLabels[c.health].label}</span>
                          )}
                        </div>
                      </Td>
                      <Td>
                        <Badge tone={access.tone}>{access.label}</Badge>
                      </Td>
                      <Td align="right" className="whitespace-nowrap text-sm text-ink-muted">
                        {c.lastActivityAt ? <RelativeTime date={c.lastActivityAt} /> : "—"}
                      </Td>
                    </Tr>
                  );
                })}
              </DataTable>
              <Pagination page={page} pageCount={Math.ceil(data.total / PAGE_SIZE)} onPageChange={setPage} label="Customer pages" />
            </>
          )}
      </QueryState>
    </>
  );
}
