"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { Button } from "./button";
import { cx } from "./cx";
import { CloseIcon } from "./icons";

export type DialogProps = {
  open: boolean;
  /** Called on Escape, the close button, a backdrop click, or form method="dialog". */
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** Action row (Cancel / Confirm). */
  footer?: ReactNode;
  size?: "sm" | "md" | "lg";
  /** Set false for flows where an outside click would lose typed work. */
  closeOnBackdrop?: boolean;
  /** Set false while work runs: Escape, the close button and the backdrop then do nothing. */
  dismissible?: boolean;
  className?: string;
};

const widths = { sm: "sm:max-w-sm", md: "sm:max-w-lg", lg: "sm:max-w-2xl" };

/**
 * Modal on the native <dialog>: showModal() makes the rest of the page inert (focus stays
 * inside), Escape fires "cancel", and focus goes back to the element that opened it.
 * Put data-autofocus on the element that should receive focus first.
 */
export function Dialog({ open, onClose, title, description, children, footer, size = "md", closeOnBackdrop = true, dismissible = true, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const onCloseRef = useRef(onClose);
  const dismissibleRef = useRef(dismissible);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    onCloseRef.current = onClose;
    dismissibleRef.current = dismissible;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Browsers differ on restoring focus after close(); do it explicitly.
    const handleClose = () => {
      opener.current?.focus();
      opener.current = null;
      onCloseRef.current();
    };
    const handleCancel = (event: Event) => {
      if (!dismissibleRef.current) event.preventDefault();
    };
    dialog.addEventListener("close", handleClose);
    dialog.addEventListener("cancel", handleCancel);
    return () => {
      dialog.removeEventListener("close", handleClose);
      dialog.removeEventListener("cancel", handleCancel);
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClick={(event) => {
        // A click whose target is the <dialog> itself landed on the backdrop area.
        if (closeOnBackdrop && dismissible && event.target === event.currentTarget) event.currentTarget.close();
      }}
      className={cx(
        "m-auto w-[calc(100%-2rem)] max-w-[calc(100%-2rem)] rounded-card border border-line bg-surface p-0 text-ink",
        "shadow-overlay backdrop:backdrop-blur-[1px] open:animate-fade-in",
        widths[size],
        className,
      )}
    >
      {open && (
        <div className="flex max-h-[85dvh] flex-col">
          <div className="flex items-start justify-between gap-4 border-b border-line px-5 py-4">
            <div className="min-w-0">
              <h2 id={titleId} className="text-base font-semibold text-ink">
                {title}
              </h2>
              {description && (
                <div id={descriptionId} className="mt-1 text-sm text-ink-muted">
                  {description}
                </div>
              )}
            </div>
            <Button
              variant="ghost"
              size="icon-sm"
              aria-label="Close"
              disabled={!dismissible}
              icon={<CloseIcon />}
              onClick={() => ref.current?.close()}
              className="-mt-1 -mr-2"
            />
          </div>
          {children && <div className="overflow-y-auto px-5 py-4 text-sm">{children}</div>}
          {footer && (
            <div className="flex flex-col-reverse gap-2 border-t border-line bg-slate-50 px-5 py-3 sm:flex-row sm:justify-end">
              {footer}
            </div>
          )}
        </div>
      )}
    </dialog>
  );
}
