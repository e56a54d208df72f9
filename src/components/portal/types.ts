import type { portalOverview } from "@/server/services/access/portal";

export type Overview = Awaited<ReturnType<typeof portalOverview>>;
export type OverviewChannel = Overview["channels"][number];
