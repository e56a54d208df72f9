import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/env";
import { CUSTOMER_SESSION_COOKIE } from "@/server/api/request-context";
import { clientIp } from "@/server/auth/client-ip";
import { getDb } from "@/server/db";
import { BROWSER_COOKIE } from "@/server/services/access/cookies";
import { exchangeLink } from "@/server/services/access/links";

export const dynamic = "force-dynamic";

/**
 * Exchanges the single-use link for a customer session and redirects (303) to a URL without the
 * token. Every failure (unknown, used, expired, revoked, rate limited) lands on the same page.
 */
export async function GET(req: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = await getDb();
  const now = new Date();
  const result = await exchangeLink(db, { token, browserId: req.cookies.get(BROWSER_COOKIE)?.value, ip: clientIp(req.headers), now });
  // A relative Location keeps the browser on the host it used, so the cookie set here is sent back.
  const res = new NextResponse(null, {
    status: 303,
    headers: { Location: result.ok ? "/portal" : "/access/invalid", "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" },
  });
  const secure = env.isProduction;
  res.cookies.set(BROWSER_COOKIE, result.browserId, { httpOnly: true, sameSite: "lax", secure, path: "/access", maxAge: 400 * 24 * 3600 });
  if (result.ok) {
    const maxAge = Math.max(1, Math.floor((result.grant.expiresAt.getTime() - now.getTime()) / 1000));
    res.cookies.set(CUSTOMER_SESSION_COOKIE, result.sessionToken, { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge });
  }
  return res;
}
