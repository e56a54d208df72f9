import type { Metadata } from "next";
import { PortalOverview } from "@/components/portal/portal-overview";
import { getDb } from "@/server/db";
import { portalOverview } from "@/server/services/access/portal";
import { portalPage } from "./portal-frame";

export const metadata: Metadata = { title: "Your channel setup" };

export default async function PortalHome() {
  return portalPage(async (grant) => <PortalOverview overview={await portalOverview(await getDb(), grant)} />);
}
