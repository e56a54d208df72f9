"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Button, Callout, Card, CardHeader, ProgressSteps, RadioGroup, toast, type Step } from "@/components/ui";
import { RefreshIcon } from "@/components/ui/icons";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";
import type { CustomerDetail } from "./labels";
import { LinkProjectForm } from "./link-project-form";

const stepState = (status: CustomerDetail["steps"][number]["status"], running: boolean): Step["state"] =>
  status === "done" ? "done" : status === "failed" ? "failed" : status === "running" || running ? "current" : "pending";

/** Where the Sinch setup stands, why it stopped, and the one action that continues it. */
export function SetupPanel({ customer, autoStart, onStarted }: { customer: CustomerDetail; autoStart: boolean; onStarted: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() });
  const run = useMutation(
    trpc.customers.runSetup.mutationOptions({
      onSettled: refresh,
      onSuccess: (r) => (r.status === "ready" ? toast.success("Sinch setup complete") : r.status === "needs_attention" ? toast.error("Setup needs attention") : undefined),
      onError: (err) => toast.error(errorDetails(err).message),
    }),
  );
  const [replaceId, setReplaceId] = useState("");
  const started = useRef(false);
  const failed = customer.steps.find((s) => s.status === "failed");
  const firstOpen = customer.steps.find((s) => s.status !== "done");

  useEffect(() => {
    // Fresh customers start their setup once, right after the create form sends them here.
    if (!autoStart || started.current || customer.setupStatus !== "in_progress" || failed) return;
    started.current = true;
    onStarted();
    run.mutate({ customerId: customer.id });
  }, [autoStart, customer.id, customer.setupStatus, failed, onStarted, run]);

  const steps: Step[] = customer.steps.map((s) => ({
    id: s.step,
    label: s.label,
    state: stepState(s.status, run.isPending && s.step === firstOpen?.step),
    description: s.status === "done" ? <span className="font-mono text-xs break-all">{s.resultRef}</span> : s.status === "failed" ? s.errorMessage : s.status === "running" || (run.isPending && s.step === firstOpen?.step) ? "Working…" : "Waiting",
  }));
  const canLinkProject = failed?.step === "project" && (failed.errorCode === "subprojects_not_enabled" || failed.errorCode === "project_missing");
  const choices = failed?.replaceChoices ?? [];

  return (
    <Card as="section" aria-labelledby="setup-h" aria-busy={run.isPending || undefined}>
      <CardHeader id="setup-h" title="Sinch setup" description="Project, Conversation API app and the portal's signed webhook. Each step is recorded, so a retry continues where it stopped." />
      <div className="mt-4 space-y-4">
        <ProgressSteps label="Customer setup progress" steps={steps} />
        {failed && !run.isPending ? (
          <Callout
            tone="danger"
            title={`Needs attention: ${failed.label}`}
            action={
              choices.length ? null : (
                <Button size="sm" icon={<RefreshIcon />} onClick={() => run.mutate({ customerId: customer.id })}>
                  Retry
                </Button>
              )
            }
          >
            <p data-testid="setup-error">{failed.errorMessage}</p>
            <p className="mt-1 text-xs">Attempts so far: {failed.attempts}. Nothing already created at Sinch will be created again.</p>
          </Callout>
        ) : null}
        {customer.setupStatus === "in_progress" && !run.isPending && !failed && !autoStart ? (
          <Button icon={<RefreshIcon />} onClick={() => run.mutate({ customerId: customer.id })}>
            Continue setup
          </Button>
        ) : null}
        {canLinkProject && !run.isPending ? <LinkProjectForm customerId={customer.id} onLinked={() => run.mutate({ customerId: customer.id })} /> : null}
        {choices.length && !run.isPending ? (
          <form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              if (replaceId) run.mutate({ customerId: customer.id, replaceWebhookId: replaceId });
            }}
          >
            <RadioGroup
              name="replaceWebhook"
              legend="Webhook to replace with the portal's"
              description="Sinch allows five webhooks per app. The one you pick is deleted at Sinch; its address stops receiving events."
              value={replaceId}
              onValueChange={setReplaceId}
              options={choices.map((w) => ({ value: w.id, label: <span className="break-all">{w.target}</span>, description: w.triggers.join(", ") }))}
            />
            <Button type="submit" variant="danger" disabled={!replaceId}>
              Replace it and register the portal's webhook
            </Button>
          </form>
        ) : null}
      </div>
    </Card>
  );
}
