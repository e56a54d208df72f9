import type { ReactNode } from "react";
import { Button } from "../ui/button";
import { SearchIcon } from "../ui/icons";

export type NotFoundPanelProps = {
  title?: string;
  message?: ReactNode;
  backHref?: string;
  backLabel?: string;
  as?: "h1" | "h2";
};

/** Also used for records outside the caller's scope: the API answers NOT_FOUND for both. */
export function NotFoundPanel({
  title = "Page not found",
  message = "It may have been removed, or the link is wrong.",
  backHref = "/",
  backLabel = "Go to the start page",
  as: Heading = "h1",
}: NotFoundPanelProps) {
  return (
    <section className="mx-auto flex max-w-lg flex-col items-center rounded-card border border-line bg-surface px-6 py-12 text-center shadow-card">
      <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-slate-100 text-slate-600">
        <SearchIcon size={24} />
      </div>
      <p className="text-sm font-semibold text-brand-700">404</p>
      <Heading className="mt-1 text-lg font-semibold text-ink">{title}</Heading>
      <div className="mt-2 text-sm text-ink-muted">{message}</div>
      {backHref && (
        <Button href={backHref} variant="secondary" className="mt-6">
          {backLabel}
        </Button>
      )}
    </section>
  );
}
