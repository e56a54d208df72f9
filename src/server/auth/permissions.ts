import type { Role } from "@/server/db/schema/users";

/** Every permission a staff procedure can require. Customers never hold any of these. */
export const permissionNames = [
  "customers.read",
  "customers.write",
  "customers.archive",
  "customers.deleteApp",
  "grants.read",
  "grants.write",
  "grants.revoke",
  "channels.connect",
  "channels.disconnect",
  "inbox.read",
  "inbox.reply",
  "inbox.replay",
  "diagnostics.run",
  "diagnostics.fix",
  "audit.read",
  "staff.manage",
  "settings.read",
  "settings.write",
  "outbox.read",
  "notifications.read",
  "events.manage",
  "apiKeys.manage",
] as const;
export type Permission = (typeof permissionNames)[number];

/** What only admins may do: staff, settings, the audit log, webhook endpoints, API keys, deleting an app. */
const adminOnly: ReadonlySet<Permission> = new Set<Permission>([
  "customers.deleteApp",
  "audit.read",
  "staff.manage",
  "settings.read",
  "settings.write",
  "outbox.read",
  "events.manage",
  "apiKeys.manage",
]);
const staffPermissions = permissionNames.filter((p) => !adminOnly.has(p));

/** Role → permissions, as data. Checked by name in procedure builders (`requirePermission`). */
export const rolePermissions: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(permissionNames),
  staff: new Set(staffPermissions),
};

export function can(role: Role, permission: Permission): boolean {
  return rolePermissions[role].has(permission);
}
