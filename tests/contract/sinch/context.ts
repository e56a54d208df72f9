import { beforeAll } from "vitest";
import type { SinchGateway } from "@/server/integrations/sinch/gateway";
import { control, newSinchProject, sinchGateway, type SinchProject } from "../support";

export interface SinchContext {
  project: SinchProject;
  gateway: SinchGateway;
  /** Page tokens of the emulator's seeded Meta user, keyed by Page id. */
  pageTokens: Record<string, string>;
}

export const SEEDED = {
  metaUser: "1000100001",
  bakeryPage: "2000100001",
  bakeryIg: "17841000100001",
  outletPage: "2000100002",
  waba: "4000100001",
  phone: "5000100001",
} as const;

/** One isolated Sinch project (and key) per suite, so suites never see each other's apps. */
export function useSinchContext(): () => SinchContext {
  let ctx: SinchContext | undefined;
  beforeAll(async () => {
    const project = await newSinchProject();
    const minted = await control<{ page_tokens: Record<string, string> }>("POST", "/_emulator/meta/tokens", {
      userId: SEEDED.metaUser,
      channel: "instagram",
      scopes: ["pages_messaging", "pages_manage_metadata", "pages_show_list", "pages_read_engagement", "instagram_basic", "instagram_manage_messages", "business_management"],
    });
    ctx = { project, gateway: sinchGateway(project), pageTokens: minted.page_tokens };
  });
  return () => {
    if (!ctx) throw new Error("Sinch context not initialised");
    return ctx;
  };
}
