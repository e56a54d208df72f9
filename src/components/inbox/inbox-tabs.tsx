import { TabNav } from "@/components/ui";

export function InboxTabs() {
  return (
    <TabNav
      label="Inbox sections"
      className="mb-4"
      items={[
        { href: "/inbox", label: "Conversations", exact: true },
        { href: "/inbox/events", label: "Webhook events" },
      ]}
    />
  );
}
