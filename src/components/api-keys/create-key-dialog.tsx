"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormDialog, FormField, Input, RadioGroup, toast } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";
import { SCOPES, type ScopeValue } from "./labels";

/** Name and scope of a new key; the created key's token is handed to `onCreated` once. */
export function CreateKeyDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (token: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [scope, setScope] = useState<ScopeValue | "">("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: (r) => {
        void queryClient.invalidateQueries({ queryKey: trpc.apiKeys.pathKey() });
        toast.success(`Key "${r.key.name}" created`);
        onClose();
        onCreated(r.token);
      },
      onError: (err) => {
        const details = errorDetails(err);
        setErrors(details.fieldErrors);
        if (!Object.keys(details.fieldErrors).length) toast.error(details.message);
      },
    }),
  );

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = "Give the key a name, e.g. the system that uses it.";
    if (!scope) local.scope = "Choose what the key may do.";
    setErrors(local);
    if (Object.keys(local).length || !scope) return;
    create.mutate({ name: name.trim(), scope });
  }

  return (
    <FormDialog
      open
      onClose={onClose}
      title="Create an API key"
      description="Your own systems (CRM, billing) call the automation API with it. Create one key per system, so you can revoke one without the others."
      submitLabel="Create key"
      pending={create.isPending}
      onSubmit={submit}
    >
      <FormField label="Key name" required error={errors.name} description="Shown in the key list and in the audit log of every call.">
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} placeholder="Billing system" autoComplete="off" data-autofocus />
      </FormField>
      <RadioGroup name="scope" legend="Scope" required variant="cards" options={[...SCOPES]} value={scope} onValueChange={(v) => setScope(v as ScopeValue)} error={errors.scope} />
    </FormDialog>
  );
}
