"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button, CopyButton, Dialog, toast } from "@/components/ui";
import { CopyIcon } from "@/components/ui/icons";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";

/** Builds the support bundle (ids, states, reason codes, trace ids; no secrets), copies it and shows it. */
export function SupportBundleButton({ customerId, channel, variant = "secondary", label = "Copy support bundle" }: { customerId: string; channel: "MESSENGER" | "INSTAGRAM" | "WHATSAPP"; variant?: "secondary" | "primary"; label?: string }) {
  const trpc = useTRPC();
  const [text, setText] = useState<string | null>(null);
  const bundle = useMutation(
    trpc.diagnostics.supportBundle.mutationOptions({
      onSuccess: async (b) => {
        setText(b.text);
        try {
          await navigator.clipboard.writeText(b.text);
          toast.success("Support bundle copied. Paste it into the Sinch or Meta ticket.");
        } catch {
          toast.info("Copy the bundle from the dialog.");
        }
      },
      onError: (err) => toast.error(errorDetails(err).message),
    }),
  );
  return (
    <>
      <Button variant={variant} size="sm" icon={<CopyIcon />} loading={bundle.isPending} onClick={() => bundle.mutate({ customerId, channel })}>
        {label}
      </Button>
      <Dialog open={text !== null} onClose={() => setText(null)} title="Support bundle" footer={<Button onClick={() => setText(null)}>Close</Button>}>
        <p className="mb-2 text-sm text-ink-muted">Ids, states, recent reason codes, Meta trace ids and timestamps. It contains no token or secret.</p>
        <div className="mb-2 flex justify-end">{text && <CopyButton value={text} label="support bundle" showText />}</div>
        <pre data-testid="support-bundle" className="max-h-96 overflow-auto rounded-control bg-slate-50 p-3 text-xs whitespace-pre-wrap">
          {text}
        </pre>
      </Dialog>
    </>
  );
}
