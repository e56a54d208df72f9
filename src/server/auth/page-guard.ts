import "server-only";
import { eq } from "drizzle-orm";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { CUSTOMER_SESSION_COOKIE } from "@/server/api/request-context";
import { getDb } from "@/server/db";
import { users } from "@/server/db/schema";
import { auth } from "./index";
import { can, type Permission } from "./permissions";

/**
 * The staff member behind this page request, re-read from the database (so a disable or role change
 * applies on the next navigation). Customers get a 404: staff pages do not exist for them.
 */
export const requireStaff = cache(async () => {
  const session = await auth();
  if (!session?.user?.id) {
    if ((await cookies()).get(CUSTOMER_SESSION_COOKIE)) notFound();
    redirect("/sign-in");
  }
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, session.user.id));
  if (!user) redirect("/signed-out?reason=expired");
  if (user.disabledAt) redirect("/signed-out?reason=disabled");
  return user;
});

export async function staffCan(permission: Permission): Promise<boolean> {
  const user = await requireStaff();
  return can(user.role, permission);
}
