"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button, Callout, Card, FormField, Input, PageHeader, RadioGroup, Select, toast } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";
import { regionOptions } from "./labels";
import { ProjectKeyFields } from "./project-key-fields";

type Mode = "subproject" | "existing_project";

/**
 * One form, one submit: the customer is recorded, then its page runs the Sinch steps with live
 * progress. Region has no default on purpose: it can never change.
 */
export function CreateCustomerForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("subproject");
  const create = useMutation(
    trpc.customers.create.mutationOptions({
      onSuccess: ({ customerId }) => {
        toast.success("Customer created. Setting up Sinch…");
        router.push(`/customers/${customerId}?start=1`);
      },
    }),
  );
  const { message, fieldErrors } = create.error ? errorDetails(create.error) : { message: "", fieldErrors: {} as Record<string, string> };

  function submit(form: HTMLFormElement) {
    const f = new FormData(form);
    const text = (k: string) => String(f.get(k) ?? "");
    const base = { businessName: text("businessName"), contactName: text("contactName"), contactEmail: text("contactEmail"), region: text("region") as "us" | "eu" | "br" };
    create.mutate(
      mode === "subproject"
        ? { ...base, projectMode: "subproject" }
        : { ...base, projectMode: "existing_project", projectId: text("projectId"), keyId: text("keyId"), keySecret: text("keySecret") },
    );
  }

  return (
    <>
      <PageHeader title="New customer" description="Creates the customer's Sinch project, a Conversation API app in its region and the portal's signed webhook." />
      <Card className="max-w-2xl">
        <form
          className="space-y-5"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit(e.currentTarget);
          }}
        >
          {message && !Object.keys(fieldErrors).length ? <Callout tone="danger">{message}</Callout> : null}
          <FormField label="Business name" id="businessName" error={fieldErrors.businessName} required>
            <Input name="businessName" autoComplete="organization" data-autofocus />
          </FormField>
          <div className="grid gap-5 sm:grid-cols-2">
            <FormField label="Contact name" id="contactName" error={fieldErrors.contactName} required>
              <Input name="contactName" autoComplete="name" />
            </FormField>
            <FormField label="Contact email" id="contactEmail" error={fieldErrors.contactEmail} required>
              <Input name="contactEmail" type="email" autoComplete="email" />
            </FormField>
          </div>
          <FormField
            label="Region"
            id="region"
            required
            error={fieldErrors.region}
            description="Where Sinch stores this customer's message data. It is fixed when the app is created and can never change."
          >
            <Select name="region" placeholder="Choose a region…" options={regionOptions} defaultValue="" />
          </FormField>
          <RadioGroup
            name="projectMode"
            legend="Sinch project"
            variant="cards"
            value={mode}
            onValueChange={(v) => setMode(v as Mode)}
            options={[
              { value: "subproject", label: "New subproject (recommended)", description: "Created under your Sinch parent project through the Subprojects API." },
              {
                value: "existing_project",
                label: "Existing top-level project",
                description: "Made in the Sinch dashboard. The customer is later invited and removed there as a Limited member.",
              },
            ]}
          />
          {mode === "existing_project" ? <ProjectKeyFields fieldErrors={fieldErrors} /> : null}
          <div className="flex justify-end gap-2 pt-2">
            <Button href="/customers" variant="secondary">
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create customer
            </Button>
          </div>
        </form>
      </Card>
    </>
  );
}
