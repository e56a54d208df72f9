import type { APIRequestContext, Browser } from "@playwright/test";
import { expect, test, trpcMutation, type Account } from "./fixtures";
import { trpcQuery } from "./proof-support";

/**
 * Headers and sessions against `next start`: the middleware-bypass header gains nothing, the
 * session cookie carries HttpOnly/SameSite/Secure behind TLS, `session.update()` from the client
 * cannot change who you are, and role changes apply on the very next request.
 */
const BYPASS_VALUES = [
  "middleware",
  "src/middleware",
  "proxy",
  "src/proxy",
  "middleware:middleware:middleware:middleware:middleware",
  "src/proxy:src/proxy:src/proxy:src/proxy:src/proxy",
  "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
];

async function status(request: APIRequestContext, url: string, headers: Record<string, string> = {}) {
  const res = await request.get(url, { headers, maxRedirects: 0 });
  return `${res.status()} ${res.headers()["location"] ?? ""}`.trim();
}

/**
 * Signs in through the real form with extra request headers and returns the Set-Cookie lines of the
 * answer that starts the session (read from the response, whether or not the browser keeps them).
 */
async function formSignIn(browser: Browser, baseURL: string, account: Account, headers: Record<string, string> = {}) {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: headers });
  const page = await context.newPage();
  const cookies: string[] = [];
  // A response still arriving as the context closes has nothing to add: its headers are not awaited then.
  page.on("response", (res) => {
    res
      .headersArray()
      .then((headers) => {
        for (const h of headers) if (h.name.toLowerCase() === "set-cookie" && /session-token=/.test(h.value)) cookies.push(h.value);
      })
      .catch(() => undefined);
  });
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect.poll(() => cookies.length, { timeout: 15_000 }).toBeGreaterThan(0);
  const stored = await context.cookies();
  await context.close();
  return { setCookie: cookies[0]!, stored };
}

test.describe("proof: headers and sessions", () => {
  test("x-middleware-subrequest gains nothing on pages or the API", async ({ playwright, e2e }) => {
    const request = await playwright.request.newContext({ baseURL: e2e.baseURL });
    // Without a session: staff pages send you to sign-in, staff API calls are refused.
    expect(await status(request, "/customers")).toMatch(/^30[27] .*\/sign-in/);
    expect(await status(request, "/api/trpc/customers.list")).toMatch(/^401/);
    const targets = ["/customers", "/settings", "/staff", "/inbox", "/api/trpc/customers.list", "/api/trpc/staff.list", "/api/trpc/settings.get", "/portal"];
    for (const url of targets) {
      const baseline = await status(request, url);
      for (const value of BYPASS_VALUES) expect(`${url} with ${value}: ${await status(request, url, { "x-middleware-subrequest": value })}`).toBe(`${url} with ${value}: ${baseline}`);
    }
    await request.dispose();
  });

  test("invite links are never sent on as a Referer, and pages carry the security headers", async ({ playwright, e2e }) => {
    const request = await playwright.request.newContext({ baseURL: e2e.baseURL });
    const access = await request.get(`/access/${"x".repeat(43)}`, { maxRedirects: 0 });
    expect(access.headers()["referrer-policy"]).toBe("no-referrer");
    expect(access.headers()["cache-control"]).toContain("no-store");
    const signIn = await request.get("/sign-in");
    const csp = signIn.headers()["content-security-policy"] ?? "";
    for (const directive of ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'"]) expect(csp).toContain(directive);
    expect(signIn.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(signIn.headers()["x-frame-options"]).toBe("DENY");
    await request.dispose();
  });

  test("the staff session cookie is HttpOnly and SameSite, and Secure (__Secure-) behind TLS", async ({ browser, e2e, createStaff }) => {
    const staff = await createStaff({ role: "staff" });
    const plain = await formSignIn(browser, e2e.baseURL, staff);
    const session = plain.stored.find((c) => c.name.endsWith("session-token"));
    expect(session).toMatchObject({ httpOnly: true });
    expect(["Lax", "Strict"]).toContain(session!.sameSite);
    // As deployed: TLS ends at the proxy, which says so in X-Forwarded-Proto.
    const tls = await formSignIn(browser, e2e.baseURL, staff, { "x-forwarded-proto": "https" });
    expect(tls.setCookie).toMatch(/^__Secure-/);
    expect(tls.setCookie).toMatch(/;\s*Secure/i);
    expect(tls.setCookie).toMatch(/HttpOnly/i);
    expect(tls.setCookie).toMatch(/SameSite=(Lax|Strict)/i);
  });

  test("session.update() from the client cannot change identity or role", async ({ createStaff, pageAs }) => {
    const staff = await createStaff({ role: "staff" });
    const api = (await pageAs(staff)).request;
    expect(await trpcQuery<{ id: string; role: string }>(api, "session.me")).toMatchObject({ id: staff.id, role: "staff" });
    // What next-auth's client `update(data)` sends: a POST to /api/auth/session with the CSRF token.
    const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const forged = "00000000-0000-4000-8000-000000000000";
    const update = await api.post("/api/auth/session", { data: { csrfToken, data: { user: { id: forged, role: "admin", email: "root@e2e.test" }, sub: forged, role: "admin", kind: "staff" } } });
    expect(update.status()).toBeLessThan(500);
    expect(await trpcQuery<{ id: string; role: string }>(api, "session.me")).toMatchObject({ id: staff.id, role: "staff" });
    expect((await api.get("/api/trpc/staff.list")).status()).toBe(403);
  });

  test("a role change or a disable applies on the staff member's next request", async ({ playwright, e2e, adminStorageState, createStaff, pageAs }) => {
    const staff = await createStaff({ role: "staff" });
    const page = await pageAs(staff);
    const admin = await playwright.request.newContext({ baseURL: e2e.baseURL, storageState: adminStorageState });
    expect((await page.request.get("/api/trpc/staff.list")).status()).toBe(403);
    await trpcMutation(admin, "staff.changeRole", { userId: staff.id, role: "admin" });
    expect((await page.request.get("/api/trpc/staff.list")).status()).toBe(200);
    await trpcMutation(admin, "staff.changeRole", { userId: staff.id, role: "staff" });
    expect((await page.request.get("/api/trpc/staff.list")).status()).toBe(403);
    await trpcMutation(admin, "staff.setDisabled", { userId: staff.id, disabled: true });
    expect((await page.request.get("/api/trpc/session.me")).status()).toBe(401);
    await admin.dispose();
  });
});
