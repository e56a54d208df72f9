"use client";

import { useState } from "react";
import { Button, ConfirmDialog } from "@/components/ui";
import { useTRPCClient } from "@/trpc/react";
import { CHANNEL_NAME, disconnectPhrase, type WizardChannel } from "./types";

/** Removes only this channel's credential from the customer's app, after a typed confirmation. */
export function DisconnectButton({ customerId, channel, onDone }: { customerId: string; channel: WizardChannel; onDone: () => void }) {
  const client = useTRPCClient();
  const [open, setOpen] = useState(false);
  const phrase = disconnectPhrase(channel);
  return (
    <>
      <Button variant="danger" size="sm" onClick={() => setOpen(true)}>
        Disconnect {CHANNEL_NAME[channel]}
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Disconnect ${CHANNEL_NAME[channel]}?`}
        description="Only this channel's credential is removed from the Sinch app; other channels keep working and the inbox history stays."
        confirmationText={phrase}
        confirmLabel="Disconnect"
        onConfirm={async () => {
          await client.channels.disconnect.mutate({ customerId, channel, confirmation: phrase });
          onDone();
        }}
      />
    </>
  );
}
