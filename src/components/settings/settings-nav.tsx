"use client";

import { TabNav } from "@/components/ui";

export type SettingsSections = { events: boolean; apiKeys: boolean };

/** Sub-pages of Settings; a section an admin cannot open is not listed. */
export function SettingsNav({ sections }: { sections: SettingsSections }) {
  const items = [{ href: "/settings", label: "Portal", exact: true }];
  if (sections.events) items.push({ href: "/settings/events", label: "Outgoing events", exact: false });
  if (sections.apiKeys) items.push({ href: "/settings/api-keys", label: "API keys", exact: false });
  return <TabNav label="Settings sections" items={items} />;
}
