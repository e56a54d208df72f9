"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge, Button, Card, CardHeader, ConfirmDialog, DescriptionItem, DescriptionList, ErrorState, LoadingState, RelativeTime, toast } from "@/components/ui";
import { NotFoundPanel } from "@/components/shell/not-found-panel";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";
import { DeliveryLog } from "./delivery-log";
import { EndpointDialog } from "./endpoint-dialog";
import { EVENT_TYPES } from "./labels";
import { SecretDialog } from "./secret-dialog";

const typeLabel = new Map<string, string>(EVENT_TYPES.map((e) => [e.type, e.label]));

/** One endpoint: its settings, secret rotation, removal, and the delivery log with replay. */
export function EndpointDetail({ endpointId }: { endpointId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.events.endpoints.queryOptions());
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<"rotate" | "delete" | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.events.pathKey() });
  const rotate = useMutation(trpc.events.rotateSecret.mutationOptions({ onSuccess: (r) => (refresh(), setSecret(r.secret)), onError: (e) => toast.error(errorDetails(e).message) }));
  const remove = useMutation(
    trpc.events.deleteEndpoint.mutationOptions({
      onSuccess: () => (toast.success("Endpoint deleted"), refresh(), router.push("/settings/events")),
      onError: (e) => toast.error(errorDetails(e).message),
    }),
  );

  if (list.isPending) return <LoadingState label="Loading the endpoint" rows={4} />;
  if (list.isError) return <ErrorState message={errorDetails(list.error).message} onRetry={() => void list.refetch()} />;
  const endpoint = list.data.find((e) => e.id === endpointId);
  if (!endpoint) return <NotFoundPanel backHref="/settings/events" backLabel="Back to endpoints" />;

  return (
    <div className="space-y-6">
      <Card as="section" aria-labelledby="endpoint-h">
        <CardHeader
          id="endpoint-h"
          title={<span className="break-all">{endpoint.url}</span>}
          description={<Link href="/settings/events">← All endpoints</Link>}
          actions={
            <div className="flex flex-wrap gap-2">
              <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
                Edit
              </Button>
              <Button size="sm" variant="secondary" onClick={() => setConfirm("rotate")} loading={rotate.isPending}>
                Rotate secret
              </Button>
              <Button size="sm" variant="danger" onClick={() => setConfirm("delete")}>
                Delete
              </Button>
            </div>
          }
        />
        <DescriptionList className="mt-3">
          <DescriptionItem term="State">
            {endpoint.enabled ? <Badge tone="success">Enabled</Badge> : <Badge tone="neutral">Disabled</Badge>} {endpoint.disabledReason}
          </DescriptionItem>
          <DescriptionItem term="Events">{endpoint.eventTypes.map((t) => typeLabel.get(t) ?? t).join(", ")}</DescriptionItem>
          <DescriptionItem term="Signing secret">
            {endpoint.secretHint}
            {endpoint.rotatingUntil ? (
              <span className="text-ink-muted">
                {" "}
                (the previous one also signs until <RelativeTime date={endpoint.rotatingUntil} />)
              </span>
            ) : null}
          </DescriptionItem>
          {endpoint.description ? <DescriptionItem term="Description">{endpoint.description}</DescriptionItem> : null}
          <DescriptionItem term="Added">
            <RelativeTime date={endpoint.createdAt} /> by {endpoint.createdBy}
          </DescriptionItem>
        </DescriptionList>
      </Card>
      <DeliveryLog endpointId={endpoint.id} enabled={endpoint.enabled} />
      {editing ? <EndpointDialog open onClose={() => setEditing(false)} initial={endpoint} /> : null}
      <ConfirmDialog
        open={confirm === "rotate"}
        onClose={() => setConfirm(null)}
        title="Rotate the signing secret?"
        description="A new secret is shown once. Events are signed with both secrets for 24 hours, then only with the new one."
        confirmLabel="Rotate secret"
        tone="primary"
        onConfirm={async () => void (await rotate.mutateAsync({ endpointId }))}
      />
      <ConfirmDialog
        open={confirm === "delete"}
        onClose={() => setConfirm(null)}
        title="Delete this endpoint?"
        description="It stops receiving events at once, and its delivery log is deleted."
        confirmLabel="Delete endpoint"
        onConfirm={async () => void (await remove.mutateAsync({ endpointId }))}
      />
      <SecretDialog secret={secret} rotated onClose={() => setSecret(null)} />
    </div>
  );
}
