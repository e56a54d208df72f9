"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";
import type { Range } from "./format";
import { MessageStats, type ChannelFilter } from "./message-stats";

/** The customer page's message charts. */
export function CustomerMessageStats({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const [range, setRange] = useState<Range>("7d");
  const [channel, setChannel] = useState<ChannelFilter>("");
  const q = useQuery({ ...trpc.stats.customer.queryOptions({ customerId, range, channel: channel || undefined }), placeholderData: (prev) => prev });
  return (
    <MessageStats
      title="Messages"
      range={range}
      onRange={setRange}
      channel={channel}
      onChannel={setChannel}
      query={{ ...q, error: q.error ? { message: errorDetails(q.error).message } : null }}
    />
  );
}
