"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/trpc/react";

const POLL_MS = 1_000;

/**
 * Live updates without a socket: every open inbox asks Postgres for max(conversations.updated_at)
 * once a second (cheap, index-only) and refetches list and thread when it moves. Works with any
 * number of portal instances behind a load balancer, and on PGlite.
 */
export function useInboxLive(customerId: string | undefined): { stale: boolean } {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const version = useQuery(
    trpc.inbox.version.queryOptions({ customerId }, { refetchInterval: POLL_MS, refetchIntervalInBackground: false, staleTime: 0 }),
  );
  const seen = useRef<string | undefined>(undefined);
  useEffect(() => {
    const v = version.data?.version;
    if (!v) return;
    // The first reading refreshes too: a change between the list's first fetch and it would be missed.
    if (seen.current !== v) {
      void queryClient.invalidateQueries({ queryKey: trpc.inbox.list.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.inbox.thread.pathKey() });
    }
    seen.current = v;
  }, [version.data?.version, queryClient, trpc]);
  return { stale: version.isError };
}
