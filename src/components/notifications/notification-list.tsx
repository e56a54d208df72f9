"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button, EmptyState, ErrorState, LoadingState, RelativeTime, toast } from "@/components/ui";
import { cx } from "@/components/ui/cx";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";
import { BellIcon } from "./bell-icon";

/** The signed-in staff member's notifications, newest first, each marked read on its own. */
export function NotificationList() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const q = useQuery(trpc.notifications.list.queryOptions({ limit: 50 }));
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
        // The unread count in the navigation is rendered by the server layout.
        router.refresh();
      },
      onError: (err) => toast.error(errorDetails(err).message),
    }),
  );

  if (q.isPending) return <LoadingState label="Loading notifications" />;
  if (q.isError) return <ErrorState message={errorDetails(q.error).message} onRetry={() => void q.refetch()} />;
  if (!q.data.items.length) return <EmptyState icon={<BellIcon />} title="No notifications" description="You will hear here when a customer finishes, when access expires with work undone, or when a link looks forwarded." />;

  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between">
        <p className="text-sm text-ink-muted" aria-live="polite">
          {q.data.unread} unread
        </p>
        <Button size="sm" variant="secondary" disabled={!q.data.unread} loading={markRead.isPending && markRead.variables?.ids === "all"} onClick={() => markRead.mutate({ ids: "all" })}>
          Mark all read
        </Button>
      </div>
      <ul className="divide-y divide-line rounded-card border border-line bg-surface" aria-label="Notifications">
        {q.data.items.map((n) => (
          <li key={n.id} className={cx("flex flex-col gap-2 p-4 sm:flex-row sm:items-start sm:justify-between", !n.readAt && "bg-brand-50/40")}>
            <div className="min-w-0 space-y-1 text-sm">
              <p className="font-medium text-ink">
                {!n.readAt ? <span className="sr-only">Unread: </span> : null}
                {n.href ? (
                  <Link href={n.href} className="hover:underline" onClick={() => !n.readAt && markRead.mutate({ ids: [n.id] })}>
                    {n.title}
                  </Link>
                ) : (
                  n.title
                )}
              </p>
              <p className="text-ink-muted">{n.body}</p>
              <RelativeTime date={n.createdAt} className="text-xs text-ink-muted" />
            </div>
            {!n.readAt ? (
              <Button size="sm" variant="ghost" onClick={() => markRead.mutate({ ids: [n.id] })} aria-label={`Mark read: ${n.title}`}>
                Mark read
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
