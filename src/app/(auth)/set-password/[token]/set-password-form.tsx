"use client";

import { useActionState } from "react";
import { Button, FormField, Input } from "@/components/ui";
import { setPasswordAction, type SetPasswordState } from "./actions";

export function SetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<SetPasswordState, FormData>(setPasswordAction.bind(null, token), {});
  return (
    <form action={action} className="space-y-5">
      {state.error ? (
        <p role="alert" data-testid="set-password-error" className="rounded-control border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </p>
      ) : null}
      <FormField label="New password" id="password" description="At least 12 characters." required>
        <Input id="password" name="password" type="password" autoComplete="new-password" required minLength={12} />
      </FormField>
      <FormField label="Repeat the password" id="confirm" required>
        <Input id="confirm" name="confirm" type="password" autoComplete="new-password" required />
      </FormField>
      <Button type="submit" className="w-full" loading={pending}>
        Set password
      </Button>
    </form>
  );
}
