import { NextResponse } from "next/server";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/**
 * Ends a staff session whose user was disabled (pages cannot clear cookies while rendering, so they
 * redirect here). Clearing the cookie is all that is needed: the JWT alone grants nothing.
 */
export function GET(request: Request) {
  const reason = new URL(request.url).searchParams.get("reason") === "disabled" ? "disabled" : "expired";
  const response = NextResponse.redirect(new URL(`/sign-in?notice=${reason}`, request.url));
  for (const name of SESSION_COOKIES) response.cookies.delete(name);
  return response;
}
