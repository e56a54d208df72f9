"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Card, CardHeader, ConfirmDialog, toast } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";
import type { CustomerDetail } from "./labels";

/** Archive (reversible, keeps Sinch resources) and, separately, delete the Sinch app (typed confirmation). */
export function DangerZone({ customer, canArchive, canDeleteApp }: { customer: CustomerDetail; canArchive: boolean; canDeleteApp: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() });
  const onError = (err: unknown) => toast.error(errorDetails(err).message);
  const archive = useMutation(trpc.customers.archive.mutationOptions({ onSuccess: () => (toast.success("Customer archived"), refresh()), onError }));
  const unarchive = useMutation(trpc.customers.unarchive.mutationOptions({ onSuccess: () => (toast.success("Customer restored"), refresh()), onError }));
  const deleteApp = useMutation(trpc.customers.deleteApp.mutationOptions({ onSuccess: () => (toast.success("Sinch app deleted"), refresh()) }));
  const app = customer.app && !customer.app.deletedAt ? customer.app : null;
  if (!canArchive && !canDeleteApp) return null;

  return (
    <Card as="section" aria-labelledby="danger-h">
      <CardHeader id="danger-h" title="Archive and delete" />
      <div className="mt-3 space-y-4 text-sm">
        {canArchive ? (
          <div className="space-y-2">
            <p className="text-ink-muted">Archiving hides the customer from lists. Its Sinch project, app and webhook stay, so restoring is lossless.</p>
            {customer.archivedAt ? (
              <Button variant="secondary" loading={unarchive.isPending} onClick={() => unarchive.mutate({ customerId: customer.id })}>
                Restore customer
              </Button>
            ) : (
              <Button variant="secondary" loading={archive.isPending} onClick={() => archive.mutate({ customerId: customer.id })}>
                Archive customer
              </Button>
            )}
          </div>
        ) : null}
        {canDeleteApp && app ? (
          <div className="space-y-2 border-t border-line pt-4">
            <p className="text-ink-muted">Deleting the Conversation API app at Sinch removes its channels and webhooks. It cannot be undone.</p>
            <Button variant="danger" onClick={() => setConfirming(true)}>
              Delete Sinch app…
            </Button>
          </div>
        ) : null}
      </div>
      {app ? (
        <ConfirmDialog
          open={confirming}
          onClose={() => setConfirming(false)}
          title="Delete the Sinch app?"
          description={`The app ${app.appId} (${app.region.toUpperCase()}) is deleted at Sinch, with its channel connections and webhooks. Messages stop flowing at once.`}
          confirmationText={app.appId}
          confirmationLabel="Type the app id to confirm"
          confirmLabel="Delete app"
          onConfirm={async () => {
            await deleteApp.mutateAsync({ customerId: customer.id, confirmation: app.appId });
          }}
        />
      ) : null}
    </Card>
  );
}
