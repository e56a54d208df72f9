"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { cx, focusRing } from "./cx";

export type TabNavItem = { href: string; label: ReactNode; badge?: ReactNode; exact?: boolean };

export type TabNavProps = {
  items: TabNavItem[];
  /** Names the navigation landmark, e.g. "Customer sections". */
  label: string;
  className?: string;
};

/** Route-based tabs (sub-pages): links with aria-current="page", not ARIA tabs. */
export function TabNav({ items, label, className }: TabNavProps) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className={cx("mb-6 border-b border-line", className)}>
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {items.map((item) => {
          const current = item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href} className="shrink-0">
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={cx(
                  "inline-flex items-center gap-2 rounded-t-control border-b-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap",
                  focusRing,
                  current
                    ? "border-brand-600 text-brand-700"
                    : "border-transparent text-slate-600 hover:border-slate-300 hover:text-ink",
                )}
              >
                {item.label}
                {item.badge}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
