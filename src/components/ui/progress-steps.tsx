import type { ReactNode } from "react";
import { cx } from "./cx";
import { CheckIcon, CloseIcon } from "./icons";
import { VisuallyHidden } from "./visually-hidden";

export type StepState = "done" | "current" | "pending" | "failed";

export type Step = {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  state: StepState;
};

export type ProgressStepsProps = {
  steps: Step[];
  /** Names the list, e.g. "Customer setup progress". */
  label: string;
  /** Vertical fits side panels and 360 px screens; horizontal fits wide page headers (≥ md). */
  orientation?: "vertical" | "horizontal";
  className?: string;
};

const stateText: Record<StepState, string> = {
  done: "Completed",
  current: "Current step",
  pending: "Not started",
  failed: "Failed",
};

function Marker({ state, index }: { state: StepState; index: number }) {
  return (
    <span
      aria-hidden="true"
      className={cx(
        "flex size-7 shrink-0 items-center justify-center rounded-full text-xs font-semibold",
        state === "done" && "bg-green-600 text-white",
        state === "current" && "bg-surface text-brand-700 ring-2 ring-brand-600",
        state === "pending" && "bg-surface text-slate-600 ring-1 ring-line-strong",
        state === "failed" && "bg-red-600 text-white",
      )}
    >
      {state === "done" ? <CheckIcon size={14} /> : state === "failed" ? <CloseIcon size={14} /> : index + 1}
    </span>
  );
}

/** Multi-step flow progress; the current (or failed) step carries aria-current="step". */
export function ProgressSteps({ steps, label, orientation = "vertical", className }: ProgressStepsProps) {
  const horizontal = orientation === "horizontal";
  return (
    <ol aria-label={label} className={cx(horizontal ? "flex flex-col gap-4 md:flex-row md:gap-2" : "space-y-0", className)}>
      {steps.map((step, index) => {
        const last = index === steps.length - 1;
        const active = step.state === "current" || step.state === "failed";
        return (
          <li
            key={step.id}
            aria-current={active ? "step" : undefined}
            className={cx("relative flex gap-3", horizontal ? "md:flex-1 md:flex-col md:gap-2" : !last && "pb-6")}
          >
            {!last && (
              <span
                aria-hidden="true"
                className={cx(
                  "absolute bg-line",
                  step.state === "done" && "bg-green-600",
                  horizontal ? "top-8 bottom-[-0.75rem] left-3.5 w-px md:top-3.5 md:right-2 md:bottom-auto md:left-10 md:h-px md:w-auto" : "top-8 bottom-1 left-3.5 w-px",
                )}
              />
            )}
            <Marker state={step.state} index={index} />
            <div className="min-w-0 pt-0.5 text-sm">
              <p
                className={cx(
                  "font-medium",
                  step.state === "pending" ? "text-ink-muted" : step.state === "failed" ? "text-red-700" : "text-ink",
                )}
              >
                {step.label}
                <VisuallyHidden>{`: ${stateText[step.state]}`}</VisuallyHidden>
              </p>
              {step.description && <div className="mt-0.5 text-ink-muted">{step.description}</div>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** Alias: some flows call it a stepper. */
export const Stepper = ProgressSteps;
