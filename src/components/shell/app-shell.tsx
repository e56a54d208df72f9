"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { cx, focusRing } from "../ui/cx";
import { CloseIcon, MenuIcon } from "../ui/icons";

export type NavItem = {
  href: string;
  label: string;
  /** An icon element, e.g. <UsersIcon />; decorative. */
  icon: ReactNode;
  /** false hides the item (role-restricted sections). Defaults to true. */
  visible?: boolean;
  /** Count or badge after the label (e.g. unread inbox items). */
  badge?: ReactNode;
};

export type AppShellProps = {
  nav: NavItem[];
  /** Product/reseller name shown at the top of the sidebar and in the mobile bar. */
  brand: ReactNode;
  /** Usually <UserMenu />, shown at the bottom of the sidebar. */
  user?: ReactNode;
  children: ReactNode;
};

const NAV_ID = "app-navigation";

function isCurrent(pathname: string, href: string) {
  return pathname === href || (href !== "/" && pathname.startsWith(`${href}/`));
}

/** Staff layout: sidebar at ≥ md, a top bar with a menu button below. */
export function AppShell({ nav, brand, user, children }: AppShellProps) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const items = nav.filter((item) => item.visible !== false);

  // Navigating closes the mobile menu.
  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    // Growing to the sidebar layout ends the mobile menu, so the content is never left inert.
    const desktop = window.matchMedia("(min-width: 48rem)");
    const onResize = () => desktop.matches && setOpen(false);
    desktop.addEventListener("change", onResize);
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => {
      desktop.removeEventListener("change", onResize);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div className="min-h-dvh md:flex">
      <a href="#main" className="skip-link">
        Skip to content
      </a>

      {/*
        The sidebar column stretches to the end of the page (its background and border run the whole
        length); the banner inside it sticks to the window. Below md the column has no box of its own,
        so the banner sticks to the top of the page as a bar.
      */}
      <div data-slot="sidebar" className="max-md:contents md:w-64 md:shrink-0 md:border-r md:border-line md:bg-surface">
        {/* One banner holds brand, navigation and user: the top bar below md, the sidebar at md+. */}
        <header className="sticky top-0 z-40 border-b border-line bg-surface md:flex md:h-dvh md:flex-col md:border-b-0">
          <div className="flex h-14 items-center justify-between gap-3 px-4 md:hidden">
            <div className="min-w-0 truncate text-sm font-semibold text-ink">{brand}</div>
            <button
              ref={menuButton}
              type="button"
              aria-expanded={open}
              aria-controls={NAV_ID}
              onClick={() => setOpen((value) => !value)}
              className={cx("inline-flex size-10 items-center justify-center rounded-control text-slate-700 hover:bg-slate-100", focusRing)}
            >
              {open ? <CloseIcon size={20} /> : <MenuIcon size={20} />}
              <span className="sr-only">{open ? "Close menu" : "Open menu"}</span>
            </button>
          </div>

          <div
            id={NAV_ID}
            className={cx(
              "flex-col bg-surface",
              "max-md:fixed max-md:inset-x-0 max-md:top-14 max-md:bottom-0 max-md:overflow-y-auto max-md:border-t max-md:border-line",
              "md:flex md:min-h-0 md:flex-1",
              open ? "flex" : "hidden",
            )}
          >
            <div className="hidden h-16 shrink-0 items-center px-5 text-base font-semibold text-ink md:flex">{brand}</div>
            <nav aria-label="Main" className="flex-1 overflow-y-auto px-3 py-3 md:py-0">
              <ul className="space-y-0.5">
                {items.map((item) => {
                  const current = isCurrent(pathname, item.href);
                  return (
                    <li key={item.href}>
                      <Link
                        href={item.href}
                        aria-current={current ? "page" : undefined}
                        className={cx(
                          "flex items-center gap-3 rounded-control px-3 py-2 text-sm font-medium transition-colors",
                          focusRing,
                          current ? "bg-brand-50 text-brand-800" : "text-slate-700 hover:bg-slate-100 hover:text-ink",
                        )}
                      >
                        <span className={cx("[&>svg]:size-[18px]", current ? "text-brand-700" : "text-slate-500")}>
                          {item.icon}
                        </span>
                        <span className="flex-1 truncate">{item.label}</span>
                        {item.badge}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </nav>
            {user && <div className="shrink-0 border-t border-line p-3">{user}</div>}
          </div>
        </header>
      </div>

      {/* While the mobile menu covers the page, the page behind it is out of reach. */}
      <div className="min-w-0 md:flex-1" inert={open || undefined}>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl px-4 py-6 sm:px-6 lg:px-8 lg:py-8">
          {children}
        </main>
      </div>
    </div>
  );
}
