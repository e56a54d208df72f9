"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Badge, ChannelBadge, EmptyState, ErrorState, LoadingState, RelativeTime, type Channel } from "@/components/ui";
import { ChevronLeftIcon, InboxIcon } from "@/components/ui/icons";
import { useTRPC } from "@/trpc/react";
import { DeliveryTicks } from "./delivery-ticks";
import { MessageContent } from "./message-content";
import { ReplyComposer } from "./reply-composer";
import type { ThreadData } from "./types";
import { WindowBadge } from "./window-badge";

const ACTIVITY_LABELS: Record<string, string> = {
  conversation_start: "Conversation started",
  conversation_stop: "Conversation ended",
  opt_in: "Opted in",
  opt_out: "Opted out",
  capability: "Capability checked",
  event_delivery: "Event delivery report",
};

function Header({ c, onBack }: { c: ThreadData["conversation"]; onBack: () => void }) {
  return (
    <header className="flex flex-wrap items-center gap-2 border-b border-line p-4">
      <button type="button" onClick={onBack} className="rounded-control p-1 text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600 lg:hidden" aria-label="Back to conversations">
        <ChevronLeftIcon />
      </button>
      <div className="min-w-0 flex-1">
        <h2 className="truncate text-base font-semibold">{c.contactName ?? c.identity ?? "Unknown contact"}</h2>
        <p className="truncate text-xs text-slate-600">
          {c.customerName} · {c.identity}
        </p>
      </div>
      <ChannelBadge channel={c.channel as Channel} />
      <WindowBadge window={c.window} />
      {!c.active ? <Badge tone="neutral">Ended</Badge> : null}
    </header>
  );
}

/** The open conversation: messages by direction, delivery ticks, activity lines and the composer. */
export function ThreadView({ conversationId, canReply, onBack }: { conversationId: string; canReply: boolean; onBack: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const thread = useQuery(trpc.inbox.thread.queryOptions({ conversationId, limit: 50 }));
  const markRead = useMutation(trpc.inbox.markRead.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.inbox.list.pathKey() }) }));
  const bottom = useRef<HTMLDivElement>(null);
  const unread = thread.data?.conversation.unreadCount ?? 0;
  const lastId = thread.data?.messages.at(-1)?.id;

  useEffect(() => {
    if (unread > 0 && !markRead.isPending) markRead.mutate({ conversationId });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the unread count moves
  }, [conversationId, unread]);
  useEffect(() => {
    // Braces matter: newer Chromium returns a Promise from scrollIntoView, which React would call as cleanup.
    void bottom.current?.scrollIntoView({ block: "end" });
  }, [lastId]);

  if (thread.isPending) return <LoadingState label="Loading conversation" rows={5} className="p-6" />;
  if (thread.isError) return <ErrorState title="Could not load this conversation" message={thread.error.message} onRetry={() => void thread.refetch()} className="m-6" />;
  const { conversation, messages, activity } = thread.data;
  const timeline = [
    ...messages.map((m) => ({ type: "message" as const, at: m.sentAt, m })),
    ...activity.filter((a) => ACTIVITY_LABELS[a.type]).map((a) => ({ type: "activity" as const, at: a.at, a })),
  ].sort((x, y) => x.at.getTime() - y.at.getTime());

  return (
    <section className="flex h-full min-h-0 flex-col" aria-label={`Conversation with ${conversation.contactName ?? conversation.identity ?? "contact"}`}>
      <Header c={conversation} onBack={onBack} />
      <div className="min-h-0 flex-1 space-y-3 overflow-y-auto bg-slate-50 p-4" role="log" aria-live="polite" aria-relevant="additions">
        {timeline.length === 0 ? <EmptyState icon={<InboxIcon />} title="No messages yet" as="h3" /> : null}
        {timeline.map((entry) =>
          entry.type === "activity" ? (
            <p key={entry.a.id} className="text-center text-xs text-slate-500">
              {ACTIVITY_LABELS[entry.a.type]} · <RelativeTime date={entry.a.at} />
            </p>
          ) : (
            <article
              key={entry.m.id}
              data-testid="message"
              data-direction={entry.m.direction}
              className={`max-w-[85%] rounded-card border p-3 text-sm shadow-xs sm:max-w-[70%] ${entry.m.direction === "outbound" ? "ml-auto border-brand-200 bg-brand-50" : "border-line bg-surface"}`}
            >
              <MessageContent message={entry.m} />
              <footer className="mt-2 flex flex-wrap items-center justify-end gap-2 text-xs text-slate-500">
                {entry.m.sentBy ? <span>{entry.m.sentBy}</span> : null}
                <RelativeTime date={entry.m.sentAt} />
                {entry.m.direction === "outbound" ? <DeliveryTicks message={entry.m} /> : null}
              </footer>
            </article>
          ),
        )}
        <div ref={bottom} />
      </div>
      <ReplyComposer conversation={conversation} canReply={canReply} />
    </section>
  );
}
