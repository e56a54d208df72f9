import type { ReactNode } from "react";
import { LockIcon } from "../ui/icons";

export type CustomerShellProps = {
  /** The reseller's name; the customer knows them, not the portal. */
  resellerName: string;
  /** How long access remains, e.g. <RelativeTime date={expiresAt} prefix="Access ends" />. */
  timeLeft?: ReactNode;
  /** Right-side extra (e.g. a small sign-out form). */
  actions?: ReactNode;
  children: ReactNode;
};

/** Layout for the customer's temporary onboarding pages: no staff navigation. */
export function CustomerShell({ resellerName, timeLeft, actions, children }: CustomerShellProps) {
  return (
    <div className="flex min-h-dvh flex-col">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="border-b border-line bg-surface">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
          <div className="min-w-0">
            <p className="truncate text-base font-semibold text-ink">{resellerName}</p>
            <p className="flex items-center gap-1.5 text-xs text-ink-muted">
              <LockIcon size={12} />
              Secure channel setup
            </p>
          </div>
          {(timeLeft || actions) && (
            <div className="flex flex-wrap items-center gap-3 text-sm">
              {timeLeft && (
                <p className="rounded-pill bg-amber-50 px-3 py-1 text-xs font-medium text-amber-900 ring-1 ring-amber-600/30 ring-inset">
                  {timeLeft}
                </p>
              )}
              {actions}
            </div>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-3xl flex-1 px-4 py-8 sm:px-6">
        {children}
      </main>
      <footer className="border-t border-line py-4 text-center text-xs text-ink-muted">
        This link gives temporary access to {resellerName}&rsquo;s setup pages only.
      </footer>
    </div>
  );
}
