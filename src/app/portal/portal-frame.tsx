import { CustomerShell } from "@/components/shell";
import { RelativeTime } from "@/components/ui";
import { SignOutIcon } from "@/components/ui/icons";
import { env } from "@/env";
import type { AccessGrant } from "@/server/db/schema";
import type { SessionResolution } from "@/server/services/customer-session";
import { customerSignOutAction } from "./actions";
import { EndedFor } from "./ended-for";
import { portalSession } from "./session";

/**
 * The customer layout, rendered by each page rather than by layout.tsx: a layout is not re-rendered
 * on client navigation, and the header (time left, sign-out) must follow the grant check of this
 * very request.
 */
export function PortalFrame({ session, children }: { session: SessionResolution; children: React.ReactNode }) {
  return (
    <CustomerShell
      resellerName={env.RESELLER_NAME}
      timeLeft={session.ok ? <RelativeTime date={session.grant.expiresAt} prefix="Access ends" /> : undefined}
      actions={
        session.ok ? (
          <form action={customerSignOutAction}>
            <button type="submit" className="inline-flex items-center gap-1.5 rounded-control px-2 py-1 text-ink-muted hover:text-ink focus-visible:outline-2 focus-visible:outline-brand-600">
              <SignOutIcon size={14} />
              Sign out
            </button>
          </form>
        ) : undefined
      }
    >
      {children}
    </CustomerShell>
  );
}

/**
 * The one way to write a /portal page: checks the grant for this request, then renders the page
 * inside the frame, or the "access ended" page saying why.
 */
export async function portalPage(render: (grant: AccessGrant) => Promise<React.ReactNode> | React.ReactNode) {
  const session = await portalSession();
  return <PortalFrame session={session}>{session.ok ? await render(session.grant) : <EndedFor session={session} />}</PortalFrame>;
}
