"use client";

import { useQuery } from "@tanstack/react-query";
import { Card, CardHeader, QueryState, Timeline } from "@/components/ui";
import { useTRPC } from "@/trpc/react";

/** Everything that happened to this customer, from the audit log, newest first. */
export function CustomerTimeline({ customerId, live }: { customerId: string; live: boolean }) {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.customers.timeline.queryOptions({ customerId }), refetchInterval: live ? 1500 : false });
  return (
    <Card as="section" aria-labelledby="timeline-h">
      <CardHeader id="timeline-h" title="Timeline" description="Every step, by whom, from the audit log." />
      <div className="mt-4">
        <QueryState query={q} loadingLabel="Loading the timeline" rows={3}>
          {(data) => (
            <Timeline
              label="Customer history"
              entries={data.map((e) => ({ id: e.id, at: e.at, title: e.title, description: e.description, actor: e.actor, tone: e.tone }))}
            />
          )}
        </QueryState>
      </div>
    </Card>
  );
}
