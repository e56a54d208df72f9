import type { ReactNode } from "react";
import { Button } from "../ui/button";
import { cx } from "../ui/cx";

export type StatusPanelProps = {
  title: string;
  message: ReactNode;
  /** Where the button leads; omit to hide it. */
  backHref?: string;
  backLabel: string;
  /** Heading level: h1 when this panel is the whole page. */
  as?: "h1" | "h2";
};

/** The centred card behind "not allowed" and "not found": icon, optional eyebrow, heading, text, one way back. */
export function StatusPanel({ icon, iconClassName, eyebrow, title, message, backHref, backLabel, as: Heading = "h1" }: StatusPanelProps & { icon: ReactNode; iconClassName: string; eyebrow?: string }) {
  return (
    <section className="mx-auto flex max-w-lg flex-col items-center rounded-card border border-line bg-surface px-6 py-12 text-center shadow-card">
      <div className={cx("mb-4 flex size-12 items-center justify-center rounded-full", iconClassName)}>{icon}</div>
      {eyebrow && <p className="text-sm font-semibold text-brand-700">{eyebrow}</p>}
      <Heading className={cx("text-lg font-semibold text-ink", eyebrow && "mt-1")}>{title}</Heading>
      <div className="mt-2 text-sm text-ink-muted">{message}</div>
      {backHref && (
        <Button href={backHref} variant="secondary" className="mt-6">
          {backLabel}
        </Button>
      )}
    </section>
  );
}
