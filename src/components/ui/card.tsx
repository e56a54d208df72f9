import type { HTMLAttributes, ReactNode } from "react";
import { cx } from "./cx";

export type CardProps = HTMLAttributes<HTMLElement> & {
  as?: "div" | "section" | "article" | "li";
  /** Remove inner padding, e.g. when the card holds a full-width table. */
  flush?: boolean;
};

export function Card({ as: Tag = "div", flush, className, ...rest }: CardProps) {
  return (
    <Tag
      className={cx(
        "rounded-card border border-line bg-surface shadow-card",
        !flush && "p-4 sm:p-6",
        flush && "overflow-hidden",
        className,
      )}
      {...rest}
    />
  );
}

export type CardHeaderProps = {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  /** Heading level; pages use h1 in PageHeader, so cards default to h2. */
  as?: "h2" | "h3" | "h4";
  id?: string;
  className?: string;
};

/** Title row of a card. Give it an id and set aria-labelledby on a <Card as="section">. */
export function CardHeader({ title, description, actions, as: Heading = "h2", id, className }: CardHeaderProps) {
  return (
    <div className={cx("flex flex-wrap items-start justify-between gap-x-4 gap-y-2", className)}>
      <div className="min-w-0">
        <Heading id={id} className="text-base font-semibold text-ink">
          {title}
        </Heading>
        {description && <p className="mt-1 text-sm text-ink-muted">{description}</p>}
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}

export function CardFooter({ className, ...rest }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div
      className={cx(
        "-mx-4 -mb-4 mt-4 flex flex-wrap items-center justify-end gap-2 rounded-b-card border-t border-line",
        "bg-slate-50 px-4 py-3 sm:-mx-6 sm:-mb-6 sm:mt-6 sm:px-6",
        className,
      )}
      {...rest}
    />
  );
}
