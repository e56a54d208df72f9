"use client";

import { useQuery } from "@tanstack/react-query";
import { ErrorState, LoadingState, Timeline, type Tone } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";

const tones: Record<string, Tone> = {
  "grant.revoked": "danger",
  "grant.expired": "warning",
  "grant.link_reopened": "warning",
  "grant.completed": "success",
  "grant.session_started": "success",
  "grant.invited": "info",
};

/** Every access and channel step of one customer, newest first. */
export function AccessTimeline({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.access.timeline.queryOptions({ customerId }));
  if (q.isPending) return <LoadingState label="Loading the access history" rows={3} />;
  if (q.isError) return <ErrorState message={errorDetails(q.error).message} onRetry={() => void q.refetch()} />;
  return (
    <Timeline
      label="Access history"
      emptyText="No access activity yet."
      entries={q.data.map((e) => ({ id: e.id, at: e.at, title: e.title, description: e.detail, actor: e.actor, tone: tones[e.action] ?? "neutral" }))}
    />
  );
}
