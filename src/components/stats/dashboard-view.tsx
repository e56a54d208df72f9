"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { DataTable, PageHeader, Td, Tr } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";
import { percent, RANGES, rate, type Range } from "./format";
import { MessageStats, type ChannelFilter } from "./message-stats";

/** Portal-wide message volume and delivery outcome, with the busiest customers of the window. */
export function DashboardView() {
  const trpc = useTRPC();
  const [range, setRange] = useState<Range>("7d");
  const [channel, setChannel] = useState<ChannelFilter>("");
  const q = useQuery({ ...trpc.stats.overview.queryOptions({ range, channel: channel || undefined }), placeholderData: (prev) => prev });
  const words = RANGES.find((r) => r.value === range)!.words;
  return (
    <>
      <PageHeader title="Dashboard" description="Messages across every customer: volume, and how many outbound messages were delivered or failed." />
      <MessageStats
        title="Messages, all customers"
        range={range}
        onRange={setRange}
        channel={channel}
        onChannel={setChannel}
        query={{ ...q, error: q.error ? { message: errorDetails(q.error).message } : null }}
      >
        <h3 className="mt-6 mb-2 text-sm font-semibold text-ink">Busiest customers in {words}</h3>
        <DataTable
          label="Busiest customers"
          columns={["Customer", ...["Inbound", "Outbound", "Delivered", "Failed"].map((label) => ({ label, align: "right" as const }))]}
          empty={<>No messages in {words}.</>}
        >
          {(q.data?.customers ?? []).map((c) => (
            <Tr key={c.customerId}>
              <Td>
                <Link href={`/customers/${c.customerId}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  {c.name}
                </Link>
              </Td>
              <Td align="right">{c.inbound}</Td>
              <Td align="right">{c.outbound}</Td>
              <Td align="right">{percent(rate(c.delivered, c.outbound))}</Td>
              <Td align="right">{percent(rate(c.failed, c.outbound))}</Td>
            </Tr>
          ))}
        </DataTable>
      </MessageStats>
    </>
  );
}
