import type { Metadata } from "next";
import { NotificationList } from "@/components/notifications/notification-list";
import { NotAllowed } from "@/components/shell";
import { PageHeader } from "@/components/ui";
import { staffCan } from "@/server/auth/page-guard";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  if (!(await staffCan("notifications.read"))) return <NotAllowed />;
  return (
    <>
      <PageHeader title="Notifications" description="Customer access events that need your attention. Important ones are also emailed to whoever sent the invite." />
      <NotificationList />
    </>
  );
}
