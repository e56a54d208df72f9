"use client";

import { useId, type FormEvent, type ReactNode } from "react";
import { Button } from "./button";
import { Dialog } from "./dialog";

export type FormDialogProps = {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  /** The submit button's label ("Send invite", "Create key"). */
  submitLabel: ReactNode;
  /** While the request runs: the dialog cannot be dismissed and the submit button spins. */
  pending: boolean;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
};

/**
 * A dialog around one form, with Cancel and a submit button in the footer. An outside click never
 * closes it (it would lose what was typed); validation errors are shown by the fields themselves.
 * Put data-autofocus on the first field.
 */
export function FormDialog({ open, onClose, title, description, submitLabel, pending, onSubmit, children }: FormDialogProps) {
  const formId = useId();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      description={description}
      dismissible={!pending}
      closeOnBackdrop={false}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" form={formId} loading={pending}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form id={formId} className="space-y-4" onSubmit={onSubmit} noValidate>
        {children}
      </form>
    </Dialog>
  );
}
