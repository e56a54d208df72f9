"use client";

import { useState } from "react";
import { Button, Callout, FormField, Input } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPCClient } from "@/trpc/react";

/**
 * Fallback: the portal normally reads the sender's bearer token from Sinch once the sender is ACTIVE.
 * Only when Sinch's sender record leaves it out do staff paste it from the Sinch dashboard (stored encrypted).
 */
export function SenderTokenForm({ customerId, onSaved }: { customerId: string; onSaved: () => void }) {
  const client = useTRPCClient();
  const [token, setToken] = useState("");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function save(e: React.FormEvent) {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await client.channels.setSenderToken.mutate({ customerId, token });
      setToken("");
      onSaved();
    } catch (err) {
      setError(errorDetails(err).message);
    } finally {
      setSaving(false);
    }
  }
  return (
    <form onSubmit={save} aria-labelledby="sender-token-title" className="space-y-3 rounded-card border border-line p-4">
      <Callout tone="info" title={<span id="sender-token-title">Sinch did not hand over the sender’s access token</span>}>
        The WhatsApp sender is active, but Sinch’s sender record came without its access token (bearer token). The portal needs it to connect the sender to this
        customer’s Conversation API app, and usually reads it by itself. Paste it once and WhatsApp activates.
      </Callout>
      <FormField label="Sender access token" id="sender-token" description="Copy it from the Sinch dashboard: WhatsApp → Senders → this sender → Access token. It is stored encrypted and never shown again." error={error ?? undefined}>
        <Input type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} required minLength={8} />
      </FormField>
      {error ? <Callout tone="danger" live>{error}</Callout> : null}
      <Button type="submit" loading={saving}>
        Save token and activate
      </Button>
    </form>
  );
}
