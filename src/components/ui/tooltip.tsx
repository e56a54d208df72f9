"use client";

import { cloneElement, isValidElement, useId, useState, type ReactElement, type ReactNode } from "react";
import { cx, focusRing } from "./cx";

export type TooltipProps = {
  /** Short supplementary text, e.g. what a delivery reason code means. */
  content: ReactNode;
  /**
   * The trigger. An element must be focusable (button, link); plain text is wrapped in a
   * button with a dotted underline so keyboard users can reach it.
   */
  children: ReactElement<{ "aria-describedby"?: string }> | string;
  side?: "top" | "bottom";
  className?: string;
};

/**
 * Shown on hover and keyboard focus, hidden on Escape or leaving (WCAG 1.4.13). The text is
 * always in the DOM and referenced by aria-describedby, so it is read even when not shown.
 */
export function Tooltip({ content, children, side = "top", className }: TooltipProps) {
  const id = useId();
  const [open, setOpen] = useState(false);

  const trigger =
    typeof children === "string" ? (
      <button
        type="button"
        aria-describedby={id}
        className={cx("cursor-help rounded-sm underline decoration-slate-400 decoration-dotted underline-offset-4", focusRing)}
      >
        {children}
      </button>
    ) : isValidElement(children) ? (
      cloneElement(children, {
        "aria-describedby": [children.props["aria-describedby"], id].filter(Boolean).join(" "),
      })
    ) : (
      children
    );

  return (
    <span
      className={cx("relative inline-flex", className)}
      onMouseEnter={() => setOpen(true)}
      onMouseLeave={() => setOpen(false)}
      onFocus={() => setOpen(true)}
      onBlur={() => setOpen(false)}
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) {
          event.stopPropagation();
          setOpen(false);
        }
      }}
    >
      {trigger}
      {/* The padding (not margin) bridges trigger and bubble so the pointer can move onto it. */}
      <span
        role="tooltip"
        id={id}
        className={cx(
          "absolute left-1/2 z-50 w-max max-w-[min(18rem,calc(100vw-2rem))] -translate-x-1/2",
          side === "top" ? "bottom-full pb-2" : "top-full pt-2",
          open ? "block animate-fade-in" : "hidden",
        )}
      >
        <span className="block rounded-control bg-slate-900 px-2.5 py-1.5 text-xs leading-snug font-normal text-white normal-case shadow-overlay">
          {content}
        </span>
      </span>
    </span>
  );
}
