import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClasses } from "./button";
import { cx } from "./cx";
import { ChevronLeftIcon, ChevronRightIcon } from "./icons";

export type PaginationProps = {
  /** 1-based current page. */
  page: number;
  pageCount: number;
  /** Builds the URL of a page (server-rendered lists; keeps other query params as you choose). */
  hrefForPage?: (page: number) => string;
  /** Changes page in client state (client lists). Used when hrefForPage is absent. */
  onPageChange?: (page: number) => void;
  /** Names the navigation landmark; make it unique when a page has two paginated lists. */
  label?: string;
  className?: string;
};

export function Pagination({ page, pageCount, hrefForPage, onPageChange, label = "Pagination", className }: PaginationProps) {
  const total = Math.max(1, pageCount);
  const current = Math.min(Math.max(1, page), total);

  function control(target: number, text: string, icon: ReactNode, iconAfter: boolean) {
    const disabled = target < 1 || target > total;
    const classes = buttonClasses("secondary", "sm", "min-w-9");
    const content = (
      <>
        {!iconAfter && icon}
        <span className="max-sm:sr-only">{text}</span>
        {iconAfter && icon}
      </>
    );
    if (!disabled && hrefForPage) {
      return (
        <Link href={hrefForPage(target)} className={classes} aria-label={`${text} page`}>
          {content}
        </Link>
      );
    }
    const handler = onPageChange;
    // A disabled native button is skipped by Tab and announced as unavailable.
    return (
      <button
        type="button"
        className={classes}
        aria-label={`${text} page`}
        disabled={disabled || !handler}
        onClick={handler && !disabled ? () => handler(target) : undefined}
      >
        {content}
      </button>
    );
  }

  return (
    <nav aria-label={label} className={cx("flex items-center justify-between gap-3 py-3", className)}>
      <p className="text-sm text-ink-muted" aria-live="polite">
        Page <span className="font-medium text-ink">{current}</span> of{" "}
        <span className="font-medium text-ink">{total}</span>
      </p>
      <div className="flex gap-2">
        {control(current - 1, "Previous", <ChevronLeftIcon />, false)}
        {control(current + 1, "Next", <ChevronRightIcon />, true)}
      </div>
    </nav>
  );
}
