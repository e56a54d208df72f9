"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { CUSTOMER_SESSION_COOKIE } from "@/server/api/request-context";
import { getDb } from "@/server/db";
import { endCustomerSession } from "@/server/services/access/links";

/** Ends this browser's session only; the grant (and any other session) is untouched. */
export async function customerSignOutAction() {
  const store = await cookies();
  const token = store.get(CUSTOMER_SESSION_COOKIE)?.value;
  if (token) await endCustomerSession(await getDb(), token);
  store.delete(CUSTOMER_SESSION_COOKIE);
  redirect("/portal");
}
