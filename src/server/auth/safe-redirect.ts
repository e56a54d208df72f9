/** Only same-site relative paths; anything else (//evil, https://…, javascript:) falls back. */
export function safeRedirectPath(value: unknown, fallback = "/customers"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
