import type { ReactNode } from "react";
import { CopyButton } from "./copy-button";
import { cx } from "./cx";

export type DescriptionListProps = {
  children: ReactNode;
  /** "stacked": term above value; "inline": term left, value right (≥ sm). */
  layout?: "inline" | "stacked";
  className?: string;
};

export function DescriptionList({ children, layout = "inline", className }: DescriptionListProps) {
  return (
    <dl
      data-layout={layout}
      className={cx(
        "group/dl text-sm",
        layout === "inline" ? "divide-y divide-line" : "grid gap-x-6 gap-y-4 sm:grid-cols-2",
        className,
      )}
    >
      {children}
    </dl>
  );
}

export type DescriptionItemProps = {
  term: ReactNode;
  children: ReactNode;
  /** Adds a copy button for this non-secret value (ids, URLs). */
  copyValue?: string;
  /** Names what the copy button copies; defaults to the term when it is text. */
  copyLabel?: string;
  /** Monospace value, for ids and keys. */
  mono?: boolean;
};

export function DescriptionItem({ term, children, copyValue, copyLabel, mono }: DescriptionItemProps) {
  const label = copyLabel ?? (typeof term === "string" ? term : "value");
  return (
    <div className="py-3 first:pt-0 last:pb-0 group-data-[layout=inline]/dl:sm:grid group-data-[layout=inline]/dl:sm:grid-cols-3 group-data-[layout=inline]/dl:sm:gap-4 group-data-[layout=stacked]/dl:py-0">
      <dt className="font-medium text-ink-muted">{term}</dt>
      <dd className="mt-1 flex min-w-0 items-center gap-1 text-ink sm:col-span-2 group-data-[layout=inline]/dl:sm:mt-0">
        <span className={cx("min-w-0 break-words", mono && "font-mono text-[0.8125rem]")}>{children}</span>
        {copyValue !== undefined && <CopyButton value={copyValue} label={label} className="-my-1" />}
      </dd>
    </div>
  );
}
