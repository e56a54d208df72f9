import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from "react";
import { cx, focusRing } from "./cx";
import { FieldError, fieldIds } from "./form-field";

export type CheckboxProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & {
  ref?: Ref<HTMLInputElement>;
  label: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
};

export function Checkbox({ label, description, error, id, className, ...rest }: CheckboxProps) {
  const generated = useId();
  const controlId = id ?? generated;
  const ids = fieldIds(controlId);
  const describedBy = [description ? ids.description : null, error ? ids.error : null].filter(Boolean).join(" ");
  return (
    <div className={cx("flex gap-3", className)}>
      <div className="flex h-5 items-center">
        <input
          type="checkbox"
          id={controlId}
          aria-describedby={describedBy || undefined}
          aria-invalid={error ? true : undefined}
          className={cx(
            "size-4 cursor-pointer rounded border-line-strong accent-brand-600 disabled:cursor-not-allowed",
            focusRing,
          )}
          {...rest}
        />
      </div>
      <div className="min-w-0 text-sm">
        <label htmlFor={controlId} className="cursor-pointer font-medium text-ink">
          {label}
        </label>
        {description && (
          <p id={ids.description} className="text-ink-muted">
            {description}
          </p>
        )}
        <FieldError id={ids.error} error={error} />
      </div>
    </div>
  );
}
