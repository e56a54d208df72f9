"use client";

import { useMutation } from "@tanstack/react-query";
import { Button, Callout, toast } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";
import { ProjectKeyFields } from "./project-key-fields";

/** The way out when Subprojects is not available: link a project made in the Sinch dashboard. */
export function LinkProjectForm({ customerId, onLinked }: { customerId: string; onLinked: () => void }) {
  const trpc = useTRPC();
  const link = useMutation(
    trpc.customers.linkProject.mutationOptions({
      onSuccess: () => {
        toast.success("Project linked. Continuing the setup…");
        onLinked();
      },
    }),
  );
  const { message, fieldErrors } = link.error ? errorDetails(link.error) : { message: "", fieldErrors: {} as Record<string, string> };
  return (
    <form
      className="space-y-3"
      aria-label="Use an existing Sinch project"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        link.mutate({ customerId, projectId: String(f.get("projectId") ?? ""), keyId: String(f.get("keyId") ?? ""), keySecret: String(f.get("keySecret") ?? "") });
      }}
    >
      <h3 className="text-sm font-semibold text-ink">Use an existing top-level project instead</h3>
      <p className="text-sm text-ink-muted">
        Create a project for this customer in the Sinch dashboard, create an access key for it, and enter both here. You will then invite the customer to that project as a
        Limited member and remove them once channels are active.
      </p>
      {message && !Object.keys(fieldErrors).length ? <Callout tone="danger">{message}</Callout> : null}
      <ProjectKeyFields fieldErrors={fieldErrors} idPrefix="link-" />
      <Button type="submit" loading={link.isPending}>
        Verify key and continue
      </Button>
    </form>
  );
}
