"use client";

import { useActionState } from "react";
import { Button, Callout, FormField, Input } from "@/components/ui";
import { signInAction, type SignInState } from "./actions";

export function SignInForm({ callbackUrl, notice }: { callbackUrl?: string; notice?: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={action} className="space-y-5" noValidate aria-describedby={state.error ? "sign-in-error" : undefined}>
      {notice && !state.error ? <Callout tone="info">{notice}</Callout> : null}
      {state.error ? (
        <div id="sign-in-error" data-testid="sign-in-error" role="alert" className="rounded-control border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </div>
      ) : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <FormField label="Email" id="email" required>
        <Input id="email" name="email" type="email" autoComplete="username" defaultValue={state.email} required autoFocus />
      </FormField>
      <FormField label="Password" id="password" required>
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </FormField>
      <Button type="submit" className="w-full" loading={pending}>
        Sign in
      </Button>
    </form>
  );
}
