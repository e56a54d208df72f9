import type { HTMLAttributes } from "react";

/** Text for assistive technology only; stays in the accessibility tree. */
export function VisuallyHidden({ className, ...rest }: HTMLAttributes<HTMLSpanElement>) {
  return <span className={className ? `sr-only ${className}` : "sr-only"} {...rest} />;
}
