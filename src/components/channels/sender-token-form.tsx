"use client";

import { useState } from "react";
import { Button, Callout, FormField, Input } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPCClient } from "@/trpc/react";

/** Staff paste the WhatsApp sender's bearer token from the Sinch dashboard once; it is stored encrypted. */
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
    <form onSubmit={save} className="space-y-3 rounded-card border border-line p-4">
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
