import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { CUSTOMER_SESSION_COOKIE } from "@/server/api/request-context";
import { getDb } from "@/server/db";
import { resolveCustomerSession } from "@/server/services/customer-session";

/**
 * The customer's session for this request, checked against its grant every time (cached only within
 * one request), so a revoke or an expiry shows on the very next page load or navigation.
 */
export const portalSession = cache(async () => {
  const token = (await cookies()).get(CUSTOMER_SESSION_COOKIE)?.value ?? "";
  return resolveCustomerSession(await getDb(), token, new Date());
});
