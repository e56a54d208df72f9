import type { Ref, SelectHTMLAttributes } from "react";
import { controlBase, cx } from "./cx";
import { ChevronDownIcon } from "./icons";

export type SelectOption = { value: string; label: string; disabled?: boolean };

export type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & {
  ref?: Ref<HTMLSelectElement>;
  /** Either pass options, or <option> children. */
  options?: SelectOption[];
  /** Adds a first, empty option ("Choose…") so nothing is preselected by accident. */
  placeholder?: string;
};

export function Select({ className, options, placeholder, children, ...rest }: SelectProps) {
  return (
    <div className="relative">
      <select className={cx(controlBase, "h-9 appearance-none pr-9", className)} {...rest}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options?.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
      <ChevronDownIcon className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-slate-500" />
    </div>
  );
}
