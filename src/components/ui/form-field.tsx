import { Children, cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from "react";
import { cx } from "./cx";
import { AlertCircleIcon } from "./icons";

/** Props FormField hands to its control so label, help and error are announced with it. */
export type FieldControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  required?: boolean;
};

export type FormFieldProps = {
  label: ReactNode;
  /** Stable id of the control; the description and error ids derive from it (`${id}-error`). */
  id?: string;
  description?: ReactNode;
  error?: ReactNode;
  required?: boolean;
  /** Hide the label visually but keep it for assistive technology (e.g. search boxes). */
  hideLabel?: boolean;
  className?: string;
  /** One control element (Input, Select, Textarea…), or a render function receiving its props. */
  children: ReactElement<Partial<FieldControlProps>> | ((control: FieldControlProps) => ReactNode);
};

export function fieldIds(id: string) {
  return { description: `${id}-description`, error: `${id}-error` };
}

export function FormField({ label, id, description, error, required, hideLabel, className, children }: FormFieldProps) {
  const generated = useId();
  const child = typeof children === "function" ? null : Children.only(children);
  const controlId = id ?? child?.props.id ?? generated;
  const ids = fieldIds(controlId);
  const hasError = error !== undefined && error !== null && error !== false && error !== "";
  const describedBy = [description ? ids.description : null, hasError ? ids.error : null, child?.props["aria-describedby"]]
    .filter(Boolean)
    .join(" ");
  const control: FieldControlProps = {
    id: controlId,
    "aria-describedby": describedBy || undefined,
    "aria-invalid": hasError ? true : undefined,
    required: required || undefined,
  };

  return (
    <div className={cx("space-y-1.5", className)}>
      <label htmlFor={controlId} className={cx("block text-sm font-medium text-ink", hideLabel && "sr-only")}>
        {label}
        {required && <RequiredMark />}
      </label>
      <FieldDescription id={ids.description} description={description} />
      {typeof children === "function" ? children(control) : isValidElement(child) ? cloneElement(child, control) : null}
      <FieldError id={ids.error} error={hasError ? error : null} />
    </div>
  );
}

/** The asterisk after a required field's label (the control itself carries `required`). */
export function RequiredMark() {
  return (
    <span className="ml-0.5 text-red-700" aria-hidden="true">
      *
    </span>
  );
}

/** The hint under a label; nothing without one. */
export function FieldDescription({ id, description }: { id: string; description?: ReactNode }) {
  if (!description) return null;
  return (
    <p id={id} className="text-sm text-ink-muted">
      {description}
    </p>
  );
}

/** Error line under a control; renders nothing without an error so ids stay unique. */
export function FieldError({ id, error }: { id: string; error?: ReactNode }) {
  if (error === undefined || error === null || error === false || error === "") return null;
  return (
    <p id={id} className="flex items-start gap-1.5 text-sm font-medium text-red-700">
      <AlertCircleIcon className="mt-0.5" />
      <span>{error}</span>
    </p>
  );
}
