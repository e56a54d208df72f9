"use client";

import type { ReactNode } from "react";
import { Button } from "./button";
import { Callout } from "./callout";
import { CopyButton } from "./copy-button";
import { Dialog } from "./dialog";

export type ShownOnceDialogProps = {
  /** The secret to show; the dialog is open while it is set. */
  value: string | null;
  title: ReactNode;
  description?: ReactNode;
  /** What the value is, for the copy button's name: "signing secret" → "Copy signing secret". */
  label: string;
  /** Why it is shown only now; the callout's body. */
  warning: ReactNode;
  testId?: string;
  onClose: () => void;
};

/**
 * A secret the server keeps only encrypted or hashed, shown this once with a copy button. An
 * outside click does not close it, so it is not lost by accident.
 */
export function ShownOnceDialog({ value, title, description, label, warning, testId, onClose }: ShownOnceDialogProps) {
  return (
    <Dialog open={!!value} onClose={onClose} title={title} description={description} closeOnBackdrop={false} footer={<Button onClick={onClose}>I have stored it</Button>}>
      <Callout tone="warning" title="Shown only now">
        {warning}
      </Callout>
      <div className="mt-4 flex items-center gap-2 rounded-control border border-line bg-canvas p-3">
        <code data-testid={testId} className="min-w-0 flex-1 font-mono text-sm break-all text-ink">
          {value}
        </code>
        <CopyButton value={value ?? ""} label={label} showText variant="secondary" />
      </div>
    </Dialog>
  );
}
