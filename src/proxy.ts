import { NextResponse, type NextRequest } from "next/server";

const PUBLIC_PREFIXES = ["/sign-in", "/set-password", "/access", "/portal", "/api/", "/signed-out", "/_next", "/favicon"];
const STAFF_SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const CUSTOMER_SESSION_COOKIE = "portal_customer_session";

/**
 * Convenience redirect to sign-in for staff pages when no session cookie is present at all.
 * Authorisation itself lives in every page, procedure and route handler. The proxy deliberately
 * does not decode or refresh the session: a refreshed cookie written by a request still in flight
 * when the user signs out would bring the session back.
 */
export default function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (PUBLIC_PREFIXES.some((p) => pathname.startsWith(p))) return NextResponse.next();
  if (STAFF_SESSION_COOKIES.some((name) => req.cookies.has(name))) return NextResponse.next();
  // A customer session goes on to the staff guard, which answers 404: staff pages must not even
  // reveal a sign-in form to a customer.
  if (req.cookies.has(CUSTOMER_SESSION_COOKIE)) return NextResponse.next();
  const url = new URL("/sign-in", req.nextUrl);
  if (pathname !== "/") url.searchParams.set("callbackUrl", pathname + search);
  return NextResponse.redirect(url);
}

// Webhooks carry no session: keep the per-request session work off the ingest path.
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico|api/webhooks/).*)"] };
