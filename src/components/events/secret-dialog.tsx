"use client";

import { ShownOnceDialog } from "@/components/ui";

/** The signing secret, shown this once (after creating an endpoint or rotating its secret). */
export function SecretDialog({ secret, rotated, onClose }: { secret: string | null; rotated?: boolean; onClose: () => void }) {
  return (
    <ShownOnceDialog
      value={secret}
      onClose={onClose}
      title="Signing secret"
      description="Verify every request with it (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature)."
      label="signing secret"
      testId="endpoint-secret"
      warning={
        <>
          Copy it into your receiver now: the portal keeps it encrypted and cannot show it again.
          {rotated ? " The previous secret keeps signing for 24 hours, so your receiver can switch without missing an event." : null}
        </>
      }
    />
  );
}
