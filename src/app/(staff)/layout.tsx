import { AppShell, UserMenu } from "@/components/shell";
import { AuditIcon, ChartIcon, InboxIcon, KeyIcon, MailIcon, SettingsIcon, StaffIcon, UsersIcon, WrenchIcon } from "@/components/ui/icons";
import { BellIcon } from "@/components/notifications/bell-icon";
import { UnreadBadge } from "@/components/notifications/unread-badge";
import { env } from "@/env";
import { requireStaff } from "@/server/auth/page-guard";
import { can } from "@/server/auth/permissions";
import { getDb } from "@/server/db";
import { unreadCount } from "@/server/services/notifications";
import { signOutAction } from "./actions";

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const user = await requireStaff();
  const unread = await unreadCount(await getDb(), user.id);
  const nav = [
    { href: "/dashboard", label: "Dashboard", icon: <ChartIcon /> },
    { href: "/customers", label: "Customers", icon: <UsersIcon /> },
    { href: "/inbox", label: "Inbox", icon: <InboxIcon /> },
    { href: "/troubleshooting", label: "Troubleshooting", icon: <WrenchIcon /> },
    { href: "/access", label: "Access", icon: <KeyIcon /> },
    { href: "/notifications", label: "Notifications", icon: <BellIcon />, badge: <UnreadBadge count={unread} /> },
    { href: "/outbox", label: "Outbox", icon: <MailIcon />, visible: can(user.role, "outbox.read") },
    { href: "/audit", label: "Audit log", icon: <AuditIcon />, visible: can(user.role, "audit.read") },
    { href: "/staff", label: "Staff", icon: <StaffIcon />, visible: can(user.role, "staff.manage") },
    { href: "/settings", label: "Settings", icon: <SettingsIcon />, visible: can(user.role, "settings.read") },
  ];
  return (
    <AppShell
      nav={nav}
      brand={<span className="font-semibold">{env.RESELLER_NAME}</span>}
      user={<UserMenu name={user.name} email={user.email} role={user.role} onSignOut={signOutAction} />}
    >
      {children}
    </AppShell>
  );
}
