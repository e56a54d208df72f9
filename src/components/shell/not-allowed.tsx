import type { ReactNode } from "react";
import { Button } from "../ui/button";
import { LockIcon } from "../ui/icons";

export type NotAllowedProps = {
  title?: string;
  message?: ReactNode;
  /** Where "Go back" leads; omit to hide the button. */
  backHref?: string;
  backLabel?: string;
  /** Heading level: h1 when this panel is the whole page. */
  as?: "h1" | "h2";
};

export function NotAllowed({
  title = "You are not allowed to view this page",
  message = "Your account does not have permission for this section. Ask an administrator if you need access.",
  backHref = "/",
  backLabel = "Go to the start page",
  as: Heading = "h1",
}: NotAllowedProps) {
  return (
    <section className="mx-auto flex max-w-lg flex-col items-center rounded-card border border-line bg-surface px-6 py-12 text-center shadow-card">
      <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-amber-50 text-amber-700">
        <LockIcon size={24} />
      </div>
      <Heading className="text-lg font-semibold text-ink">{title}</Heading>
      <div className="mt-2 text-sm text-ink-muted">{message}</div>
      {backHref && (
        <Button href={backHref} variant="secondary" className="mt-6">
          {backLabel}
        </Button>
      )}
    </section>
  );
}
