import type { Metadata } from "next";
import { InvalidLinkPanel } from "@/components/portal/invalid-link-panel";
import { env } from "@/env";

export const metadata: Metadata = { title: "Link no longer valid", referrer: "no-referrer", robots: { index: false } };

/** The one answer for unknown, used, expired, revoked and rate-limited links. */
export default function InvalidLinkPage() {
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center bg-canvas px-4 py-10">
      <InvalidLinkPanel resellerName={env.RESELLER_NAME} />
    </main>
  );
}
