import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { env } from "@/env";
import { edgeAuthConfig } from "@/server/auth/edge-config";

const { auth } = NextAuth({ ...edgeAuthConfig, secret: env.AUTH_SECRET });

const PUBLIC_PREFIXES = ["/sign-in", "/set-password", "/access", "/portal", "/api/", "/signed-out", "/_next", "/favicon"];

/** Convenience redirect to sign-in for staff pages. Authorisation itself lives in every procedure and page. */
export default auth((req) => {
  const { pathname, search } = req.nextUrl;
  if (PUBLIC_PREFIXES.some((p) => pathname.startsWith(p))) return NextResponse.next();
  // A customer session (cookie named in request-context.ts) goes on to the staff guard, which
  // answers 404: staff pages must not even reveal a sign-in form to a customer.
  if (!req.auth?.user && req.cookies.has("portal_customer_session")) return NextResponse.next();
  if (!req.auth?.user) {
    const url = new URL("/sign-in", req.nextUrl);
    if (pathname !== "/") url.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
});

// Webhooks carry no session: keep the per-request session work off the ingest path.
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico|api/webhooks/).*)"] };
