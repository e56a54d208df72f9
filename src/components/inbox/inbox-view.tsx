"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { Callout, EmptyState } from "@/components/ui";
import { InboxIcon } from "@/components/ui/icons";
import { useTRPC } from "@/trpc/react";
import { ConversationList } from "./conversation-list";
import { InboxFilters } from "./inbox-filters";
import { ThreadView } from "./thread-view";
import { isChannel, type InboxFilters as Filters } from "./types";
import { useInboxLive } from "./use-inbox-live";

function filtersFrom(params: URLSearchParams): Filters {
  const channel = params.get("channel");
  return {
    customerId: params.get("customer") || undefined,
    channel: isChannel(channel) ? channel : undefined,
    unread: params.get("unread") === "1" || undefined,
    failures: params.get("failures") === "1" || undefined,
    search: params.get("q") || undefined,
  };
}

function queryFor(f: Filters, conversation: string | undefined): string {
  const q = new URLSearchParams();
  if (f.customerId) q.set("customer", f.customerId);
  if (f.channel) q.set("channel", f.channel);
  if (f.unread) q.set("unread", "1");
  if (f.failures) q.set("failures", "1");
  if (f.search) q.set("q", f.search);
  if (conversation) q.set("conversation", conversation);
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** Conversation list and thread side by side (one at a time on small screens), live within ~1 s. */
export function InboxView({ canReply }: { canReply: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = useMemo(() => filtersFrom(new URLSearchParams(params.toString())), [params]);
  const selected = params.get("conversation") || undefined;
  const { stale } = useInboxLive(filters.customerId);

  const customers = useQuery(trpc.inbox.customers.queryOptions({}));
  const list = useInfiniteQuery(trpc.inbox.list.infiniteQueryOptions({ ...filters, limit: 30 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const navigate = useCallback((f: Filters, conversation: string | undefined) => router.replace(`${pathname}${queryFor(f, conversation)}`, { scroll: false }), [router, pathname]);
  const onFilters = useCallback((f: Filters) => navigate(f, selected), [navigate, selected]);
  // One customer's inbox is a view, not a filter result: its empty state says "yet", not "match".
  const filtered = !!(filters.channel || filters.unread || filters.failures || filters.search);

  return (
    <div className="space-y-3">
      {stale ? <Callout tone="warning" title="Live updates paused">The portal cannot reach the server; the inbox refreshes when it is back.</Callout> : null}
      <div className="grid h-[calc(100dvh-12rem)] min-h-[28rem] overflow-hidden rounded-card border border-line bg-surface lg:grid-cols-[22rem_1fr]">
        <div className={`min-h-0 flex-col overflow-y-auto border-line lg:flex lg:border-r ${selected ? "hidden" : "flex"}`}>
          <InboxFilters value={filters} customers={customers.data ?? []} onChange={onFilters} />
          <ConversationList
            items={items}
            selectedId={selected}
            onSelect={(id) => navigate(filters, id)}
            filtered={filtered}
            state={{
              pending: list.isPending,
              error: list.isError ? list.error.message : null,
              retry: () => void list.refetch(),
              hasMore: !!list.hasNextPage,
              loadingMore: list.isFetchingNextPage,
              loadMore: () => void list.fetchNextPage(),
            }}
          />
        </div>
        <div className={`min-h-0 ${selected ? "block" : "hidden lg:block"}`}>
          {selected ? (
            <ThreadView key={selected} conversationId={selected} canReply={canReply} onBack={() => navigate(filters, undefined)} />
          ) : (
            <EmptyState icon={<InboxIcon />} title="Pick a conversation" description="Choose a conversation on the left to read it and reply." className="m-6" />
          )}
        </div>
      </div>
    </div>
  );
}
