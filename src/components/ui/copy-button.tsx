"use client";

import { useEffect, useRef, useState } from "react";
import { Button, type ButtonSize, type ButtonVariant } from "./button";
import { cx } from "./cx";
import { CheckIcon, CopyIcon } from "./icons";

export type CopyButtonProps = {
  /** The text put on the clipboard. It is never rendered: pass only non-secret values. */
  value: string;
  /** What is copied, for the accessible name: "app ID" → "Copy app ID". */
  label: string;
  /** Show "Copy" text next to the icon. Icon-only by default. */
  showText?: boolean;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
};

type CopyStatus = "idle" | "copied" | "failed";

export function CopyButton({ value, label, showText, variant = "ghost", size, className }: CopyButtonProps) {
  const [status, setStatus] = useState<CopyStatus>("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus("copied");
    } catch {
      // Clipboard access is refused on insecure origins or without permission.
      setStatus("failed");
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setStatus("idle"), 2000);
  }

  const message = status === "copied" ? "Copied" : status === "failed" ? "Copy failed" : "";
  return (
    <span className={cx("inline-flex items-center", className)}>
      <Button
        variant={variant}
        size={size ?? (showText ? "sm" : "icon-sm")}
        className={cx(!showText && "text-slate-600")}
        aria-label={showText ? undefined : `Copy ${label}`}
        title={showText ? undefined : `Copy ${label}`}
        icon={status === "copied" ? <CheckIcon className="text-green-700" /> : <CopyIcon />}
        onClick={copy}
      >
        {showText && (
          <>
            {status === "copied" ? "Copied" : "Copy"}
            <span className="sr-only"> {label}</span>
          </>
        )}
      </Button>
      <span role="status" aria-live="polite" className="sr-only">
        {message}
      </span>
    </span>
  );
}
