"use client";

import { useId, useState, type ReactNode } from "react";
import { Button } from "./button";
import { Dialog } from "./dialog";
import { FormField } from "./form-field";
import { Input } from "./input";

export type ConfirmDialogProps = {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  /** Extra content between the description and the typed confirmation. */
  children?: ReactNode;
  confirmLabel?: string;
  cancelLabel?: string;
  tone?: "danger" | "primary";
  /**
   * When set, the user must type this exact text (e.g. the app id) before confirming.
   * Use it for destructive, hard-to-undo actions.
   */
  confirmationText?: string;
  /** Label for the typed confirmation field; defaults to "Type {text} to confirm". */
  confirmationLabel?: ReactNode;
  /** May return a promise; the dialog shows a spinner, closes on success, shows the error on failure. */
  onConfirm: () => void | Promise<void>;
};

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, onClose, title, description, children, confirmationText, onConfirm } = props;
  const [typed, setTyped] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const formId = useId();
  const matches = confirmationText === undefined || typed.trim() === confirmationText;

  function close() {
    if (pending) return;
    setTyped("");
    setError(null);
    onClose();
  }

  async function confirm() {
    if (!matches || pending) return;
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      setTyped("");
      onClose();
    } catch (e) {
      setError(e instanceof Error && e.message ? e.message : "The action failed. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={title}
      description={description}
      size="sm"
      dismissible={!pending}
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={pending} data-autofocus={confirmationText ? undefined : true}>
            {props.cancelLabel ?? "Cancel"}
          </Button>
          <Button type="submit" form={formId} variant={props.tone === "primary" ? "primary" : "danger"} loading={pending} disabled={!matches}>
            {props.confirmLabel ?? "Confirm"}
          </Button>
        </>
      }
    >
      <form
        id={formId}
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
      >
        {children}
        {confirmationText !== undefined && (
          <FormField
            label={
              props.confirmationLabel ?? (
                <>
                  Type <code className="rounded bg-slate-100 px-1 font-mono text-red-800">{confirmationText}</code> to confirm
                </>
              )
            }
          >
            <Input
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              data-autofocus
              className="font-mono"
            />
          </FormField>
        )}
        {error && (
          <p role="alert" className="rounded-control bg-red-50 px-3 py-2 text-sm font-medium text-red-800">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
