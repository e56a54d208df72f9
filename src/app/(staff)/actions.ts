"use server";

import { getDb } from "@/server/db";
import { signOut } from "@/server/auth";
import { requireStaff } from "@/server/auth/page-guard";
import { audit } from "@/server/services/audit";

export async function signOutAction() {
  const user = await requireStaff();
  await audit(await getDb(), { actor: { type: "user", id: user.id, label: user.email }, action: "auth.signed_out", target: { type: "user", id: user.id } });
  await signOut({ redirectTo: "/sign-in?notice=signed-out" });
}
