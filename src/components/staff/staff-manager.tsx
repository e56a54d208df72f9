"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge, Button, CopyButton, DataTable, Dialog, PageHeader, QueryState, Select, Td, toast, Tr } from "@/components/ui";
import { PlusIcon } from "@/components/ui/icons";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";
import { CreateStaffDialog } from "./create-staff-dialog";

export function StaffManager({ currentUserId }: { currentUserId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.staff.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [resetLink, setResetLink] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.staff.list.queryKey() });
  const onError = (err: unknown) => toast.error(errorDetails(err).message);
  const changeRole = useMutation(trpc.staff.changeRole.mutationOptions({ onSuccess: (u) => (toast.success(`${u.email} is now ${u.role}`), refresh()), onError }));
  const setDisabled = useMutation(
    trpc.staff.setDisabled.mutationOptions({ onSuccess: (u) => (toast.success(`${u.email} ${u.disabled ? "disabled" : "enabled"}`), refresh()), onError }),
  );
  const reset = useMutation(trpc.staff.resetPassword.mutationOptions({ onSuccess: (r) => setResetLink(r.setPasswordUrl), onError }));

  return (
    <>
      <PageHeader
        title="Staff"
        description="Who can sign in to the portal, and with which role."
        actions={
          <Button icon={<PlusIcon />} onClick={() => setCreating(true)}>
            Add staff member
          </Button>
        }
      />
      <QueryState query={list} loadingLabel="Loading staff">
        {(data) => (
          <DataTable label="Staff members" columns={["Name", "Email", "Role", "Status", { label: "Actions", srOnly: true }]}>
            {data.map((u) => (
              <Tr key={u.id} data-testid={`staff-row-${u.email}`}>
                <Td className="font-medium">{u.name}</Td>
                <Td>{u.email}</Td>
                <Td>
                  <Select
                    aria-label={`Role of ${u.email}`}
                    value={u.role}
                    disabled={u.id === currentUserId || changeRole.isPending}
                    onChange={(e) => changeRole.mutate({ userId: u.id, role: e.target.value === "admin" ? "admin" : "staff" })}
                    options={[{ value: "staff", label: "Staff" }, { value: "admin", label: "Admin" }]}
                  />
                </Td>
                <Td>{u.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}</Td>
                <Td align="right" className="whitespace-nowrap">
                  <Button size="sm" variant="ghost" onClick={() => reset.mutate({ userId: u.id })} aria-label={`Reset password of ${u.email}`}>
                    Reset password
                  </Button>
                  {u.id !== currentUserId ? (
                    <Button
                      size="sm"
                      variant={u.disabled ? "secondary" : "danger"}
                      onClick={() => setDisabled.mutate({ userId: u.id, disabled: !u.disabled })}
                      aria-label={`${u.disabled ? "Enable" : "Disable"} ${u.email}`}
                    >
                      {u.disabled ? "Enable" : "Disable"}
                    </Button>
                  ) : null}
                </Td>
              </Tr>
            ))}
          </DataTable>
        )}
      </QueryState>
      <CreateStaffDialog open={creating} onClose={() => setCreating(false)} />
      <Dialog open={resetLink !== null} onClose={() => setResetLink(null)} title="Password reset link" description="Send this one-time link. It works once and expires in 48 hours.">
        <div className="flex items-center gap-2 rounded-control border border-line bg-canvas p-2">
          <code className="min-w-0 flex-1 truncate text-xs">{resetLink}</code>
          {resetLink ? <CopyButton value={resetLink} label="Copy the reset link" /> : null}
        </div>
      </Dialog>
    </>
  );
}
