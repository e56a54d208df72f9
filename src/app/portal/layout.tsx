import type { Metadata } from "next";
import { env } from "@/env";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: { default: "Channel setup", template: `%s · ${env.RESELLER_NAME}` }, robots: { index: false } };

/** Pages render their own PortalFrame, after their own grant check (see portal-frame.tsx). */
export default function PortalLayout({ children }: { children: React.ReactNode }) {
  return children;
}
