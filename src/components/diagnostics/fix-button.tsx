"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button, ConfirmDialog, RadioGroup, toast } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";
import { SupportBundleButton } from "./bundle-dialog";

type Channel = "MESSENGER" | "INSTAGRAM" | "WHATSAPP";
type Applicable = "send_reconnect_link" | "repair_webhook" | "free_webhook_slot" | "rotate_webhook_secret" | "resubscribe_asset" | "probe_regions";
export interface FixView {
  action: string;
  label: string;
  confirm?: string;
}

/**
 * The button that starts a check's fix. Destructive or customer-visible fixes ask first; freeing a
 * webhook slot asks which webhook to delete. The result is toasted and the diagnosis refreshed.
 */
export function FixButton({ customerId, channel, fix, onApplied }: { customerId: string; channel: Channel; fix: FixView; onApplied: () => void }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [webhookId, setWebhookId] = useState("");
  const apply = useMutation(
    trpc.diagnostics.applyFix.mutationOptions({
      onSuccess: (r) => {
        toast.success(r.summary);
        onApplied();
      },
      onError: (err) => toast.error(errorDetails(err).message),
    }),
  );
  const others = useQuery({ ...trpc.diagnostics.otherWebhooks.queryOptions({ customerId }), enabled: open && fix.action === "free_webhook_slot" });
  if (fix.action === "copy_support_bundle") return <SupportBundleButton customerId={customerId} channel={channel} variant="primary" label={fix.label} />;
  const action = fix.action as Applicable;
  const run = () => apply.mutateAsync({ customerId, channel, action, ...(action === "free_webhook_slot" ? { webhookId } : {}) }).then(() => undefined);
  const needsDialog = Boolean(fix.confirm) || action === "free_webhook_slot";
  return (
    <>
      <Button size="sm" variant={action === "free_webhook_slot" ? "danger" : "primary"} loading={apply.isPending} onClick={() => (needsDialog ? setOpen(true) : void run().catch(() => undefined))}>
        {fix.label}
      </Button>
      {needsDialog && (
        <ConfirmDialog
          open={open}
          onClose={() => setOpen(false)}
          title={`${fix.label}?`}
          description={fix.confirm}
          tone={action === "free_webhook_slot" ? "danger" : "primary"}
          confirmLabel={fix.label}
          onConfirm={async () => {
            if (action === "free_webhook_slot" && !webhookId) throw new Error("Choose the webhook to delete.");
            await run();
          }}
        >
          {action === "free_webhook_slot" &&
            (others.data && others.data.length > 0 ? (
              <RadioGroup
                name="webhook"
                legend="Webhook to delete"
                value={webhookId}
                onValueChange={setWebhookId}
                options={others.data.map((w) => ({ value: w.id, label: w.target, description: w.triggers.join(", ") }))}
              />
            ) : (
              <p className="text-sm text-ink-muted">{others.isPending ? "Loading the app's webhooks…" : "No other webhook on the app."}</p>
            ))}
        </ConfirmDialog>
      )}
    </>
  );
}
