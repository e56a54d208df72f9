import type { SettingsSections } from "@/components/settings/settings-nav";
import { staffCan } from "@/server/auth/page-guard";

/** The Settings sub-pages the signed-in staff member may open, for the section tabs. */
export async function settingsSections(): Promise<SettingsSections> {
  const [events, apiKeys] = await Promise.all([staffCan("events.manage"), staffCan("apiKeys.manage")]);
  return { events, apiKeys };
}
