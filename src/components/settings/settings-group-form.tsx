"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Callout, Card, CardFooter, CardHeader, FormField, Input, toast } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";
import type { GroupDef } from "./settings-groups";

export interface SettingView {
  key: string;
  secret: boolean;
  value: string | number | null;
  hint: string | null;
  fromEnvironment: boolean;
}

/** One settings group: save its fields, then (optionally) test them against the real service. */
export function SettingsGroupForm({ group, values, canWrite }: { group: GroupDef; values: Map<string, SettingView>; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const save = useMutation(
    trpc.settings.update.mutationOptions({
      onSuccess: (r) => {
        toast.success(r.changed.length ? `${group.title} settings saved` : "Nothing changed");
        setResult(null);
        return queryClient.invalidateQueries({ queryKey: trpc.settings.get.queryKey() });
      },
    }),
  );
  const test = useMutation(trpc.settings.test.mutationOptions({ onSuccess: setResult, onError: (e) => toast.error(errorDetails(e).message) }));
  const { message, fieldErrors } = save.error ? errorDetails(save.error) : { message: "", fieldErrors: {} as Record<string, string> };

  function submit(form: HTMLFormElement) {
    const f = new FormData(form);
    const out: Record<string, string | number> = {};
    for (const field of group.fields) {
      const raw = String(f.get(field.key) ?? "");
      const current = values.get(field.key);
      // Secrets are write-only: an empty box keeps the stored value.
      if (current?.secret && raw === "") continue;
      if (!current?.secret && raw === String(current?.value ?? "")) continue;
      out[field.key] = field.type === "number" ? Number(raw) : raw;
    }
    save.mutate({ values: out });
    form.querySelectorAll<HTMLInputElement>("input[type=password]").forEach((i) => (i.value = ""));
  }

  return (
    <Card as="section" aria-labelledby={`${group.id}-h`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit(e.currentTarget);
        }}
      >
        <CardHeader id={`${group.id}-h`} title={group.title} description={group.description} />
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          {message && !Object.keys(fieldErrors).length ? <Callout tone="danger" className="sm:col-span-2">{message}</Callout> : null}
          {group.fields.map((field) => {
            const v = values.get(field.key);
            const description = v?.secret ? `${v.hint ?? "not set"}. Write-only: type a new value to replace it.` : v?.fromEnvironment ? "Default from the environment." : field.description;
            return (
              <FormField key={field.key} label={field.label} id={`setting-${field.key}`} description={description} error={fieldErrors[field.key]}>
                <Input
                  name={field.key}
                  type={v?.secret ? "password" : field.type === "number" ? "number" : "text"}
                  defaultValue={v?.secret ? "" : String(v?.value ?? "")}
                  placeholder={v?.secret ? "Unchanged" : undefined}
                  autoComplete={v?.secret ? "new-password" : "off"}
                  readOnly={!canWrite}
                  spellCheck={false}
                />
              </FormField>
            );
          })}
        </div>
        {result ? (
          <Callout tone={result.ok ? "success" : "danger"} title={result.ok ? "Test passed" : "Test failed"} className="mt-4">
            <span role="status">{result.message}</span>
          </Callout>
        ) : null}
        {canWrite ? (
          <CardFooter>
            {group.test ? (
              <Button variant="secondary" loading={test.isPending} onClick={() => test.mutate({ target: group.test!.target })}>
                {group.test.label}
              </Button>
            ) : null}
            <Button type="submit" loading={save.isPending}>
              Save {group.title.toLowerCase()} settings
            </Button>
          </CardFooter>
        ) : null}
      </form>
    </Card>
  );
}
