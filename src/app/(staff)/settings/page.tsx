import type { Metadata } from "next";
import { NotAllowed } from "@/components/shell";
import { SettingsPage } from "@/components/settings/settings-page";
import { staffCan } from "@/server/auth/page-guard";
import { settingsSections } from "./sections";

export const metadata: Metadata = { title: "Settings" };

export default async function Page() {
  if (!(await staffCan("settings.read"))) return <NotAllowed />;
  return <SettingsPage canWrite={await staffCan("settings.write")} sections={await settingsSections()} />;
}
