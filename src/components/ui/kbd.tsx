import type { HTMLAttributes } from "react";
import { cx } from "./cx";

export function Kbd({ className, ...rest }: HTMLAttributes<HTMLElement>) {
  return (
    <kbd
      className={cx(
        "inline-flex min-w-5 items-center justify-center rounded border border-line-strong bg-surface",
        "px-1.5 font-mono text-xs font-medium text-slate-700 shadow-[0_1px_0_0] shadow-slate-300",
        className,
      )}
      {...rest}
    />
  );
}
