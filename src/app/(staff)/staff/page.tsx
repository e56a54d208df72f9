import type { Metadata } from "next";
import { NotAllowed } from "@/components/shell";
import { StaffManager } from "@/components/staff/staff-manager";
import { requireStaff, staffCan } from "@/server/auth/page-guard";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage() {
  const user = await requireStaff();
  if (!(await staffCan("staff.manage"))) return <NotAllowed />;
  return <StaffManager currentUserId={user.id} />;
}
