"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Callout, CopyButton, Dialog, FormField, Input, RadioGroup, Select, toast } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";

export function CreateStaffDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [method, setMethod] = useState("link");
  const [link, setLink] = useState<string | null>(null);
  const create = useMutation(
    trpc.staff.create.mutationOptions({
      onSuccess: async (res) => {
        await queryClient.invalidateQueries({ queryKey: trpc.staff.list.queryKey() });
        toast.success(`${res.user.email} was added`);
        if (res.setPasswordUrl) setLink(res.setPasswordUrl);
        else onClose();
      },
    }),
  );
  const { message, fieldErrors } = create.error ? errorDetails(create.error) : { message: "", fieldErrors: {} as Record<string, string> };
  const close = () => {
    setLink(null);
    create.reset();
    onClose();
  };

  return (
    <Dialog open={open} onClose={close} title="Add a staff member" description="Staff manage customers, channels and the inbox. Admins also manage staff and settings." closeOnBackdrop={false}>
      {link ? (
        <div className="space-y-4">
          <Callout tone="success" title="Send this one-time link">
            The link lets them choose a password. It works once and expires in 48 hours.
          </Callout>
          <div className="flex items-center gap-2 rounded-control border border-line bg-canvas p-2">
            <code className="min-w-0 flex-1 truncate text-xs" data-testid="set-password-link">{link}</code>
            <CopyButton value={link} label="Copy the set-password link" />
          </div>
          <Button onClick={close}>Done</Button>
        </div>
      ) : (
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            create.mutate({
              email: String(f.get("email") ?? ""),
              name: String(f.get("name") ?? ""),
              role: f.get("role") === "admin" ? "admin" : "staff",
              password: method === "password" ? String(f.get("password") ?? "") : undefined,
            });
          }}
        >
          {message && !Object.keys(fieldErrors).length ? <Callout tone="danger">{message}</Callout> : null}
          <FormField label="Email" id="staff-email" error={fieldErrors.email} required>
            <Input name="email" type="email" autoComplete="off" data-autofocus />
          </FormField>
          <FormField label="Name" id="staff-name" error={fieldErrors.name} required>
            <Input name="name" autoComplete="off" />
          </FormField>
          <FormField label="Role" id="staff-role">
            <Select name="role" defaultValue="staff" options={[{ value: "staff", label: "Staff" }, { value: "admin", label: "Admin" }]} />
          </FormField>
          <RadioGroup
            name="method"
            legend="How they get a password"
            value={method}
            onValueChange={setMethod}
            options={[
              { value: "link", label: "Send a one-time set-password link" },
              { value: "password", label: "Set an initial password now" },
            ]}
          />
          {method === "password" ? (
            <FormField label="Initial password" id="staff-password" description="At least 12 characters." error={fieldErrors.password} required>
              <Input name="password" type="password" autoComplete="new-password" />
            </FormField>
          ) : null}
          <div className="flex justify-end gap-2 pt-2">
            <Button type="button" variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add staff member
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
