"use client";

import { Badge, Button, ChannelBadge, EmptyState, ErrorState, LoadingState, RelativeTime, type Channel } from "@/components/ui";
import { AlertCircleIcon, InboxIcon } from "@/components/ui/icons";
import type { ConversationItem } from "./types";
import { WindowBadge } from "./window-badge";

interface Props {
  items: ConversationItem[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  state: { pending: boolean; error: string | null; retry: () => void; hasMore: boolean; loadingMore: boolean; loadMore: () => void };
  filtered: boolean;
}

/** Conversations, newest first. Each row is a button: Tab/Shift+Tab move, Enter opens. */
export function ConversationList({ items, selectedId, onSelect, state, filtered }: Props) {
  if (state.pending) return <LoadingState label="Loading conversations" rows={6} className="p-4" />;
  if (state.error) return <ErrorState title="Could not load conversations" message={state.error} onRetry={state.retry} className="m-4" />;
  if (!items.length) {
    return (
      <EmptyState
        icon={<InboxIcon />}
        as="h3"
        title={filtered ? "No conversations match" : "No conversations yet"}
        description={filtered ? "Change or clear the filters." : "Messages your customers' contacts send appear here within seconds."}
        className="m-4"
      />
    );
  }
  return (
    <div>
      <ul className="divide-y divide-line" aria-label="Conversations">
        {items.map((c) => {
          const selected = c.id === selectedId;
          return (
            <li key={c.id}>
              <button
                type="button"
                onClick={() => onSelect(c.id)}
                aria-current={selected ? "true" : undefined}
                data-testid="conversation"
                className={`block w-full space-y-1 p-3 text-left focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600 ${selected ? "bg-brand-50" : "hover:bg-slate-50"}`}
              >
                <span className="flex items-center gap-2">
                  <span className={`min-w-0 flex-1 truncate text-sm ${c.unreadCount ? "font-semibold" : "font-medium"}`}>{c.contactName ?? c.identity ?? "Unknown contact"}</span>
                  <RelativeTime date={c.lastMessageAt} className="text-xs text-slate-500" />
                </span>
                <span className="flex items-center gap-2 text-xs text-slate-600">
                  <ChannelBadge channel={c.channel as Channel} />
                  <span className="truncate">{c.customerName}</span>
                </span>
                <span className="flex items-center gap-2">
                  <span className="min-w-0 flex-1 truncate text-sm text-slate-700">{c.preview}</span>
                  {c.hasFailure ? (
                    <span className="text-red-600" title="A message failed">
                      <AlertCircleIcon size={16} aria-label="A message failed" />
                    </span>
                  ) : null}
                  {c.unreadCount ? <Badge tone="info">{c.unreadCount} unread</Badge> : null}
                </span>
                <span className="block">
                  <WindowBadge window={c.window} compact />
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {state.hasMore ? (
        <div className="p-3">
          <Button variant="secondary" className="w-full" onClick={state.loadMore} loading={state.loadingMore}>
            Load older conversations
          </Button>
        </div>
      ) : null}
    </div>
  );
}
