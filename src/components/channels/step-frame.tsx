import type { ReactNode, RefObject } from "react";

/** One wizard step: a focusable h2 (focus moves here on step change) and its content. */
export function StepFrame({ title, headingRef, description, children }: { title: string; headingRef: RefObject<HTMLHeadingElement | null>; description?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby="wizard-step-title" className="space-y-4 rounded-card border border-line bg-surface p-4 shadow-card sm:p-6">
      <div className="space-y-1">
        <h2 id="wizard-step-title" ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-ink focus:outline-none">
          {title}
        </h2>
        {description ? <div className="text-sm text-ink-muted">{description}</div> : null}
      </div>
      {children}
    </section>
  );
}
