import { useId, type ReactNode } from "react";
import { cx, focusRing } from "./cx";
import { FieldDescription, FieldError, fieldIds, RequiredMark } from "./form-field";

export type RadioOption = { value: string; label: ReactNode; description?: ReactNode; disabled?: boolean };

export type RadioGroupProps = {
  name: string;
  legend: ReactNode;
  options: RadioOption[];
  description?: ReactNode;
  error?: ReactNode;
  /** Uncontrolled initial value (works in plain <form action> forms). */
  defaultValue?: string;
  /** Controlled value; pass onValueChange with it. */
  value?: string;
  onValueChange?: (value: string) => void;
  required?: boolean;
  id?: string;
  /** "cards" shows each option as a bordered, selectable tile. */
  variant?: "list" | "cards";
  className?: string;
};

export function RadioGroup(props: RadioGroupProps) {
  const { name, legend, options, description, error, defaultValue, value, onValueChange, required } = props;
  const generated = useId();
  const baseId = props.id ?? generated;
  const ids = fieldIds(baseId);
  const describedBy = [description ? ids.description : null, error ? ids.error : null].filter(Boolean).join(" ");
  const cards = props.variant === "cards";

  return (
    <fieldset
      id={baseId}
      aria-describedby={describedBy || undefined}
      className={cx("min-w-0 space-y-2", props.className)}
    >
      <legend className="text-sm font-medium text-ink">
        {legend}
        {required && <RequiredMark />}
      </legend>
      <FieldDescription id={ids.description} description={description} />
      <div className={cx(cards ? "grid gap-2 sm:grid-cols-2" : "space-y-2")}>
        {options.map((o) => {
          const optionId = `${baseId}-${o.value}`;
          return (
            <label
              key={o.value}
              htmlFor={optionId}
              className={cx(
                "flex cursor-pointer gap-3 text-sm",
                cards &&
                  "rounded-control border border-line-strong bg-surface p-3 hover:border-slate-400 has-checked:border-brand-600 has-checked:bg-brand-50 has-checked:ring-1 has-checked:ring-brand-600",
                o.disabled && "cursor-not-allowed opacity-60",
              )}
            >
              <input
                type="radio"
                id={optionId}
                name={name}
                value={o.value}
                disabled={o.disabled}
                required={required}
                defaultChecked={value === undefined ? defaultValue === o.value : undefined}
                checked={value === undefined ? undefined : value === o.value}
                onChange={onValueChange ? () => onValueChange(o.value) : undefined}
                aria-describedby={o.description ? `${optionId}-description` : undefined}
                className={cx("mt-0.5 size-4 shrink-0 accent-brand-600", focusRing)}
              />
              <span className="min-w-0">
                <span className="block font-medium text-ink">{o.label}</span>
                {o.description && (
                  <span id={`${optionId}-description`} className="block text-ink-muted">
                    {o.description}
                  </span>
                )}
              </span>
            </label>
          );
        })}
      </div>
      <FieldError id={ids.error} error={error} />
    </fieldset>
  );
}
