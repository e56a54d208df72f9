import "server-only";
import { cookies, headers } from "next/headers";
import { auth } from "@/server/auth";
import { clientIp } from "@/server/auth/client-ip";
import { getDb } from "@/server/db";
import { createContextInner, type Caller, type Context } from "./context";

export const CUSTOMER_SESSION_COOKIE = "portal_customer_session";

/** Builds the tRPC context from the incoming request (route handler and server components). */
export async function createRequestContext(): Promise<Context> {
  const [session, cookieStore, headerList, db] = await Promise.all([auth(), cookies(), headers(), getDb()]);
  const customerToken = cookieStore.get(CUSTOMER_SESSION_COOKIE)?.value;
  let caller: Caller = { type: "anonymous" };
  if (session?.user?.id) caller = { type: "staff", userId: session.user.id };
  else if (customerToken) caller = { type: "customer", sessionToken: customerToken };
  return createContextInner({ db, caller, ip: clientIp(headerList), requestId: headerList.get("x-request-id") ?? undefined });
}
