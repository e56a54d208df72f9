"use client";

import { TabNav } from "@/components/ui";

/** Sub-pages of Settings; a section an admin cannot open is not listed. */
export function SettingsNav({ canManageEvents }: { canManageEvents: boolean }) {
  const items = [{ href: "/settings", label: "Portal", exact: true }];
  if (canManageEvents) items.push({ href: "/settings/events", label: "Outgoing events", exact: false });
  return <TabNav label="Settings sections" items={items} />;
}
