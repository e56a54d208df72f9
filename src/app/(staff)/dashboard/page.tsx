import type { Metadata } from "next";
import { NotAllowed } from "@/components/shell";
import { DashboardView } from "@/components/stats/dashboard-view";
import { staffCan } from "@/server/auth/page-guard";

export const metadata: Metadata = { title: "Dashboard" };

export default async function Page() {
  if (!(await staffCan("customers.read"))) return <NotAllowed />;
  return <DashboardView />;
}
