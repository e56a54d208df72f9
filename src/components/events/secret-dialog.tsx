"use client";

import { Button, Callout, CopyButton, Dialog } from "@/components/ui";

/** The signing secret, shown this once (after creating an endpoint or rotating its secret). */
export function SecretDialog({ secret, rotated, onClose }: { secret: string | null; rotated?: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={!!secret}
      onClose={onClose}
      title="Signing secret"
      description="Verify every request with it (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature)."
      closeOnBackdrop={false}
      footer={<Button onClick={onClose}>I have stored it</Button>}
    >
      <Callout tone="warning" title="Shown only now">
        Copy it into your receiver now: the portal keeps it encrypted and cannot show it again.
        {rotated ? " The previous secret keeps signing for 24 hours, so your receiver can switch without missing an event." : null}
      </Callout>
      <div className="mt-4 flex items-center gap-2 rounded-control border border-line bg-canvas p-3">
        <code data-testid="endpoint-secret" className="min-w-0 flex-1 font-mono text-sm break-all text-ink">
          {secret}
        </code>
        <CopyButton value={secret ?? ""} label="signing secret" />
      </div>
    </Dialog>
  );
}
