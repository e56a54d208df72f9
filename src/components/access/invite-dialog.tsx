"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Checkbox, ChannelBadge, FormDialog, FormField, Input, Textarea, toast, type Channel } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";

const ALL: Channel[] = ["MESSENGER", "INSTAGRAM", "WHATSAPP"];

export type InviteDialogProps = {
  open: boolean;
  onClose: () => void;
  customerId: string;
  defaultEmail: string;
  /** Ticked when the dialog opens: the customer's channels not active yet. */
  defaultChannels: Channel[];
  limits: { defaultHours: number; maxHours: number };
};

/** Invite form: email (defaults to the contact), channels (those still to connect), window (capped), note, auto-revoke. */
export function InviteDialog({ open, onClose, customerId, defaultEmail, defaultChannels, limits }: InviteDialogProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState(defaultEmail);
  const [channels, setChannels] = useState<Channel[]>(defaultChannels);
  const [hours, setHours] = useState(String(limits.defaultHours));
  const [note, setNote] = useState("");
  const [autoRevoke, setAutoRevoke] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const invite = useMutation(
    trpc.access.invite.mutationOptions({
      onSuccess: (g) => {
        toast.success(`Invite sent to ${g.invitedEmail}`);
        void queryClient.invalidateQueries({ queryKey: trpc.access.pathKey() });
        setNote("");
        onClose();
      },
      onError: (err) => {
        const details = errorDetails(err);
        setErrors(details.fieldErrors);
        if (!Object.keys(details.fieldErrors).length) toast.error(details.message);
      },
    }),
  );
  const defaults = defaultChannels.join(",");
  // Each opening starts from what is still to connect (a channel may have gone live meanwhile).
  useEffect(() => {
    if (open) setChannels(defaults ? (defaults.split(",") as Channel[]) : []);
  }, [open, defaults]);
  const toggle = (c: Channel) => setChannels((cur) => (cur.includes(c) ? cur.filter((x) => x !== c) : [...cur, c]));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const h = Number(hours);
    const local: Record<string, string> = {};
    if (!channels.length) local.channels = "Choose at least one channel.";
    if (!Number.isInteger(h) || h < 1 || h > limits.maxHours) local.hours = `Between 1 and ${limits.maxHours} hours.`;
    setErrors(local);
    if (Object.keys(local).length) return;
    invite.mutate({ customerId, email, channels, hours: h, note: note.trim() || null, autoRevokeOnActive: autoRevoke });
  }

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title="Invite the customer"
      description="They get a single-use link by email, for their own project only. Access ends by itself."
      submitLabel="Send invite"
      pending={invite.isPending}
      onSubmit={submit}
    >
      <FormField label="Email" required error={errors.email} description="Defaults to the customer's contact.">
        <Input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" data-autofocus />
      </FormField>
      <fieldset className="space-y-2" aria-describedby={errors.channels ? "invite-channels-hint invite-channels-error" : "invite-channels-hint"}>
        <legend className="text-sm font-medium text-ink">Channels to connect</legend>
        <p id="invite-channels-hint" className="text-sm text-ink-muted">
          The channels not active yet are ticked.
        </p>
        {ALL.map((c) => (
          <Checkbox key={c} label={<ChannelBadge channel={c} />} checked={channels.includes(c)} onChange={() => toggle(c)} />
        ))}
        {errors.channels ? (
          <p id="invite-channels-error" className="text-sm font-medium text-red-700">
            {errors.channels}
          </p>
        ) : null}
      </fieldset>
      <FormField label="Access window (hours)" required error={errors.hours} description={`Default ${limits.defaultHours} h, at most ${limits.maxHours} h.`}>
        <Input type="number" inputMode="numeric" min={1} max={limits.maxHours} value={hours} onChange={(e) => setHours(e.target.value)} className="w-32" />
      </FormField>
      <FormField label="Note to the customer" error={errors.note} description="Optional; shown in the email and on their page.">
        <Textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} rows={3} />
      </FormField>
      <Checkbox
        label="End access automatically when every channel is active"
        description="Recommended. Turn off if you want them to keep access after finishing."
        checked={autoRevoke}
        onChange={(e) => setAutoRevoke(e.target.checked)}
      />
    </FormDialog>
  );
}
