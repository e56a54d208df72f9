/** Long-lived random browser id (path /access only), to notice a used link opened elsewhere. */
export const BROWSER_COOKIE = "portal_browser";
