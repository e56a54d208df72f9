"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, ConfirmDialog, Dialog, FormField, Input, Textarea, toast } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";
import type { StaffGrant } from "./types";

type Open = "extend" | "resend" | "revoke" | null;

/** Extend (within the maximum), send a new link, or revoke with a reason: live grants only. */
export function GrantActions({ grant, maxHours }: { grant: StaffGrant; maxHours: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Open>(null);
  const [hours, setHours] = useState("24");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.access.pathKey() });
  const close = () => (setOpen(null), setErrors({}));
  const onError = (err: unknown) => {
    const d = errorDetails(err);
    setErrors(d.fieldErrors);
    if (!Object.keys(d.fieldErrors).length) toast.error(d.message);
  };
  const extend = useMutation(trpc.access.extend.mutationOptions({ onSuccess: () => (toast.success("Access extended"), close(), refresh()), onError }));
  const revoke = useMutation(trpc.access.revoke.mutationOptions({ onSuccess: () => (toast.success("Access revoked"), close(), setReason(""), refresh()), onError }));
  const resend = useMutation(trpc.access.resend.mutationOptions());
  if (grant.state === "ended") return null;
  const who = grant.invitedEmail;

  return (
    <div className="flex flex-wrap gap-2">
      <Button size="sm" variant="secondary" onClick={() => setOpen("extend")} aria-label={`Extend access of ${who}`}>
        Extend
      </Button>
      <Button size="sm" variant="secondary" onClick={() => setOpen("resend")} aria-label={`Send a new link to ${who}`}>
        New link
      </Button>
      <Button size="sm" variant="danger" onClick={() => setOpen("revoke")} aria-label={`Revoke access of ${who}`}>
        Revoke
      </Button>

      <Dialog
        open={open === "extend"}
        onClose={close}
        title="Extend access"
        description={`Adds hours to the current end. Access can last at most ${maxHours} hours from now.`}
        size="sm"
        dismissible={!extend.isPending}
        footer={
          <>
            <Button variant="secondary" onClick={close}>Cancel</Button>
            <Button type="submit" form={`extend-${grant.id}`} loading={extend.isPending}>Extend</Button>
          </>
        }
      >
        <form id={`extend-${grant.id}`} noValidate onSubmit={(e) => (e.preventDefault(), extend.mutate({ grantId: grant.id, hours: Number(hours) }))}>
          <FormField label="Hours to add" required error={errors.hours}>
            <Input type="number" inputMode="numeric" min={1} value={hours} onChange={(e) => setHours(e.target.value)} className="w-32" data-autofocus />
          </FormField>
        </form>
      </Dialog>

      <Dialog
        open={open === "revoke"}
        onClose={close}
        title="Revoke access"
        description={`${who} loses access on their next click. They will see that access ended, with your reason.`}
        size="sm"
        dismissible={!revoke.isPending}
        footer={
          <>
            <Button variant="secondary" onClick={close}>Cancel</Button>
            <Button type="submit" variant="danger" form={`revoke-${grant.id}`} loading={revoke.isPending}>Revoke access</Button>
          </>
        }
      >
        <form id={`revoke-${grant.id}`} noValidate onSubmit={(e) => (e.preventDefault(), revoke.mutate({ grantId: grant.id, reason }))}>
          <FormField label="Reason" required error={errors.reason} description="Recorded in the audit log and shown to the customer.">
            <Textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={500} data-autofocus />
          </FormField>
        </form>
      </Dialog>

      <ConfirmDialog
        open={open === "resend"}
        onClose={close}
        title="Send a new link?"
        description={`A new single-use link goes to ${who}. The previous link stops working.`}
        confirmLabel="Send new link"
        tone="primary"
        onConfirm={async () => {
          try {
            await resend.mutateAsync({ grantId: grant.id });
          } catch (err) {
            throw new Error(errorDetails(err).message);
          }
          toast.success(`New link sent to ${who}`);
          void refresh();
        }}
      />
    </div>
  );
}
