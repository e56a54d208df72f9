/**
 * The client address as the nearest proxy saw it: the LAST x-forwarded-for entry (appended by
 * `next start` or the load balancer), so a client cannot pick its own rate-limit bucket by sending
 * a forged header.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return last || headers.get("x-real-ip") || "unknown";
}
