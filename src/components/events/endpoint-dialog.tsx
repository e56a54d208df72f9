"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Checkbox, FormDialog, FormField, Input, toast } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";
import { EVENT_TYPES, type EventType } from "./labels";

export interface EndpointDraft {
  id?: string;
  url: string;
  description: string | null;
  eventTypes: EventType[];
  enabled: boolean;
}

const EMPTY: EndpointDraft = { url: "", description: null, eventTypes: [], enabled: true };

/** Add or edit an endpoint: URL, what it receives, on/off. A new endpoint's secret is handed to `onCreated` once. */
export function EndpointDialog({ open, onClose, initial, onCreated }: { open: boolean; onClose: () => void; initial?: EndpointDraft; onCreated?: (secret: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const start = initial ?? EMPTY;
  const [url, setUrl] = useState(start.url);
  const [description, setDescription] = useState(start.description ?? "");
  const [types, setTypes] = useState<EventType[]>(start.eventTypes);
  const [enabled, setEnabled] = useState(start.enabled);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const onError = (err: unknown) => {
    const details = errorDetails(err);
    setErrors(details.fieldErrors);
    if (!Object.keys(details.fieldErrors).length) toast.error(details.message);
  };
  const done = () => void queryClient.invalidateQueries({ queryKey: trpc.events.pathKey() });
  const create = useMutation(trpc.events.createEndpoint.mutationOptions({ onSuccess: (r) => (done(), onClose(), onCreated?.(r.secret)), onError }));
  const update = useMutation(trpc.events.updateEndpoint.mutationOptions({ onSuccess: () => (done(), toast.success("Endpoint saved"), onClose()), onError }));
  const pending = create.isPending || update.isPending;
  const toggle = (t: EventType) => setTypes((cur) => (cur.includes(t) ? cur.filter((x) => x !== t) : [...cur, t]));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!/^https?:\/\//i.test(url.trim())) local.url = "Use an http:// or https:// URL.";
    if (!types.length) local.eventTypes = "Choose at least one event.";
    setErrors(local);
    if (Object.keys(local).length) return;
    const body = { url: url.trim(), description: description.trim() || null, eventTypes: types, enabled };
    if (start.id) update.mutate({ endpointId: start.id, ...body });
    else create.mutate(body);
  }

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title={start.id ? "Edit endpoint" : "Add an endpoint"}
      description="The portal POSTs signed events (Standard Webhooks) to this URL and retries for about three days when it does not answer 2xx."
      submitLabel={start.id ? "Save endpoint" : "Add endpoint"}
      pending={pending}
      onSubmit={submit}
    >
      <FormField label="Endpoint URL" required error={errors.url} description="Your system's receiver. Redirects are not followed.">
        <Input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://crm.example.com/portal-events" autoComplete="off" data-autofocus />
      </FormField>
      <FormField label="Description" error={errors.description} description="Optional, for your team.">
        <Input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={200} />
      </FormField>
      <fieldset className="space-y-2" aria-describedby={errors.eventTypes ? "endpoint-types-error" : undefined}>
        <legend className="text-sm font-medium text-ink">Events to send</legend>
        {EVENT_TYPES.map((e) => (
          <Checkbox key={e.type} label={`${e.label} (${e.type})`} description={e.description} checked={types.includes(e.type)} onChange={() => toggle(e.type)} />
        ))}
        {errors.eventTypes ? (
          <p id="endpoint-types-error" className="text-sm font-medium text-red-700">
            {errors.eventTypes}
          </p>
        ) : null}
      </fieldset>
      <Checkbox label="Enabled" description="A disabled endpoint receives nothing; its log stays." checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
    </FormDialog>
  );
}
