"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, CopyButton, ErrorState, LoadingState, toast } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";

/** One stored callback: headers kept (never the signature), the body as received, and replay. */
export function EventDetail({ eventId, canReplay }: { eventId: string; canReplay: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const event = useQuery(trpc.inbox.event.queryOptions({ eventId }));
  const replay = useMutation(
    trpc.inbox.replay.mutationOptions({
      onSuccess: (r) => (r.status === "failed" ? toast.error(`Replay failed: ${r.error ?? "unknown error"}`) : toast.success(r.status === "processed" ? "Event re-processed" : "Stored raw: nothing to normalise")),
      onError: (err) => toast.error(errorDetails(err).message),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.inbox.pathKey() }),
    }),
  );
  if (event.isPending) return <LoadingState label="Loading event" rows={3} />;
  if (event.isError) return <ErrorState title="Could not load this event" message={event.error.message} onRetry={() => void event.refetch()} />;
  const e = event.data;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        {canReplay ? (
          <Button size="sm" onClick={() => replay.mutate({ eventId })} loading={replay.isPending}>
            Replay
          </Button>
        ) : null}
        <CopyButton value={e.body} label="callback body" showText size="sm" />
        <span className="text-xs text-slate-600">
          Dedupe key <code>{e.dedupeKey}</code>
        </span>
      </div>
      {e.processingError ? <p className="text-sm text-red-700">Processing error: {e.processingError}</p> : null}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-xs">
        {Object.entries(e.headers).map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-mono text-slate-500">{k}</dt>
            <dd className="font-mono break-all">{v}</dd>
          </div>
        ))}
      </dl>
      <pre className="max-h-96 overflow-auto rounded-control bg-slate-900 p-3 text-xs text-slate-100" aria-label="Callback body">{e.body}</pre>
    </div>
  );
}
