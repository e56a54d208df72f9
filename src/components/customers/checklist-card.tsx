"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Card, CardHeader, Checkbox, RelativeTime, toast } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";
import type { CustomerDetail } from "./labels";

/**
 * The dashboard path has no API to invite users (sinch.md section 13): staff do both steps by hand
 * in the Sinch dashboard and mark them here; each mark is audited and reminders stop.
 */
export function ChecklistCard({ customer }: { customer: CustomerDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mark = useMutation(
    trpc.customers.setChecklist.mutationOptions({
      onSuccess: () => (toast.success("Checklist updated"), queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() })),
      onError: (err) => toast.error(errorDetails(err).message),
    }),
  );
  const list = customer.checklist;
  if (!list) return null;
  const item = (key: "invite" | "remove", label: string, description: string, state: { done: boolean; at: Date | null; by: string | null }, disabled = false) => (
    <li className="flex flex-wrap items-start justify-between gap-2 py-3">
      <Checkbox
        label={label}
        description={
          state.done && state.at ? (
            <>
              Done <RelativeTime date={state.at} /> by {state.by}
            </>
          ) : (
            description
          )
        }
        checked={state.done}
        disabled={disabled || mark.isPending}
        onChange={(e) => mark.mutate({ customerId: customer.id, item: key, done: e.target.checked })}
      />
    </li>
  );
  return (
    <Card as="section" aria-labelledby="checklist-h">
      <CardHeader id="checklist-h" title="Sinch dashboard checklist" description="For a linked project, the customer connects channels in the Sinch dashboard as a Limited member." />
      <ul className="mt-2 divide-y divide-line">
        {item("invite", "Invite the customer as a Limited member", "Sinch dashboard → User management → Invite users, role Limited member, this project only.", list.invite)}
        {item(
          "remove",
          "Remove the customer's access",
          list.remove.due ? "Every channel is active: remove the customer now (needs a 2FA code)." : "Once every channel is active.",
          list.remove,
          !list.invite.done,
        )}
      </ul>
      {list.remove.due && !list.remove.done ? (
        <p className="mt-2 text-sm font-medium text-amber-900" role="status">
          Reminder: channels are active, the customer still has dashboard access.
        </p>
      ) : null}
    </Card>
  );
}
