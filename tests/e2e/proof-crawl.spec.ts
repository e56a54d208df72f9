import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test, trpcMutation } from "./fixtures";
import { concretePath, customerContext, pageRoutes, proofCustomer, recordTraffic, storageOf, type ProofCustomer } from "./proof-support";

/**
 * Every page of the app, as every kind of visitor: axe finds no serious or critical violation, and
 * nothing the browser receives or stores (network bodies and headers, RSC payloads, storage,
 * script-visible cookies) carries a secret, or another customer's data.
 */
test.describe.configure({ mode: "serial", timeout: 600_000 });

const CHANNELS = ["MESSENGER", "INSTAGRAM", "WHATSAPP"];
let a: ProofCustomer;
let b: ProofCustomer;
/** An outgoing-events endpoint (port 9 refuses at once) and its signing secret, which no page may show. */
let endpoint: { id: string; secret: string };

test.beforeAll(async ({ playwright, e2e, adminStorageState }) => {
  test.setTimeout(180_000);
  const admin = await playwright.request.newContext({ baseURL: e2e.baseURL, storageState: adminStorageState });
  a = await proofCustomer(admin, e2e, "a");
  b = await proofCustomer(admin, e2e, "b");
  const created = await trpcMutation<{ endpoint: { id: string }; secret: string }>(admin, "events.createEndpoint", { url: "http://127.0.0.1:9/proof-events", eventTypes: ["customer.ready"], enabled: true });
  endpoint = { id: created.endpoint.id, secret: created.secret };
  await admin.dispose();
});

/** Concrete URLs: every route, each `[param]` filled (channels: all three), B's ids for staff pages. */
function urls(): string[] {
  const out = new Set<string>();
  for (const route of pageRoutes()) {
    for (const channel of route.includes("[channel]") ? CHANNELS : ["MESSENGER"]) {
      out.add(concretePath(route, { customerId: b.customerId, channel, endpointId: endpoint.id, token: randomBytes(32).toString("base64url") }));
    }
  }
  return [...out];
}

/** axe on the page it finally settles on: a page may replace itself right after load (a redirect). */
async function analyzeSettled(page: Page) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await new AxeBuilder({ page }).analyze();
    } catch (err) {
      if (attempt >= 3 || !/context was destroyed|navigat/i.test((err as Error).message)) throw err;
      await page.waitForLoadState("load");
      await page.waitForLoadState("networkidle", { timeout: 1_500 }).catch(() => undefined);
    }
  }
}

interface CrawlReport {
  visited: number;
  axe: string[];
  leaks: string[];
  headers: string[];
  cookies: string[];
}

async function crawl(context: BrowserContext, forbidden: string[], production: boolean): Promise<CrawlReport> {
  const report: CrawlReport = { visited: 0, axe: [], leaks: [], headers: [], cookies: [] };
  for (const url of urls()) {
    const page = await context.newPage();
    const { traffic, settle } = recordTraffic(page);
    await page.goto(url, { waitUntil: "load" });
    // Client components fetch their data after load; give them a moment so their answers are scanned too.
    await page.waitForLoadState("networkidle", { timeout: 1_500 }).catch(() => undefined);
    const axe = await analyzeSettled(page);
    for (const v of axe.violations.filter((x) => x.impact === "serious" || x.impact === "critical")) {
      report.axe.push(`${url}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(" | ")}`);
    }
    const storage = await storageOf(page).catch(async () => {
      await page.waitForLoadState("load");
      return storageOf(page);
    });
    await page.close();
    await settle();
    const haystack = [...traffic.texts, storage].join("\n").toLowerCase();
    for (const secret of forbidden) if (haystack.includes(secret.toLowerCase())) report.leaks.push(`${url}: ${secret.slice(0, 24)}…`);
    for (const doc of traffic.documents.filter((d) => d.status === 200 && (d.headers["content-type"] ?? "").includes("text/html"))) {
      const csp = doc.headers["content-security-policy"] ?? "";
      const missing = ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"].filter((d) => !csp.includes(d));
      if (production && /script-src[^;]*'unsafe-eval'/.test(csp)) missing.push("no 'unsafe-eval' in production");
      if (!doc.headers["referrer-policy"]) missing.push("Referrer-Policy");
      if (doc.headers["x-content-type-options"] !== "nosniff") missing.push("X-Content-Type-Options");
      if (doc.headers["x-powered-by"]) missing.push("no X-Powered-By");
      if (/same-origin(?!-allow-popups)/.test(doc.headers["cross-origin-opener-policy"] ?? "")) missing.push("COOP must keep the Meta popup's opener");
      if (missing.length) report.headers.push(`${doc.url}: ${missing.join(", ")}`);
    }
    report.visited++;
  }
  for (const cookie of await context.cookies()) {
    if (!/session|csrf|portal_/.test(cookie.name)) continue;
    if (!cookie.httpOnly && !cookie.name.includes("csrf")) report.cookies.push(`${cookie.name} is not HttpOnly`);
    if (cookie.sameSite === "None") report.cookies.push(`${cookie.name} is SameSite=None`);
    if (production && cookie.name.startsWith("portal_") && !cookie.secure) report.cookies.push(`${cookie.name} is not Secure in production`);
  }
  return report;
}

function secretsFor(context: BrowserContext) {
  return async (extra: string[] = []) => {
    const cookieValues = (await context.cookies()).filter((c) => /session-token|portal_customer_session/.test(c.name)).map((c) => c.value);
    return ["emu-key-secret", "emu-meta-app-secret", a.webhookSecret, b.webhookSecret, a.linkToken, b.linkToken, endpoint.secret, endpoint.secret.slice(6), ...cookieValues, ...extra].filter((s) => s.length >= 8);
  };
}

for (const role of ["anonymous", "admin", "staff", "customer"] as const) {
  test(`${role}: every page passes axe and leaks nothing`, async ({ browser, e2e, adminStorageState, createStaff }) => {
    let context: BrowserContext;
    if (role === "admin") context = await browser.newContext({ baseURL: e2e.baseURL, storageState: adminStorageState });
    else if (role === "customer") context = await customerContext(browser, e2e.baseURL, a);
    else context = await browser.newContext({ baseURL: e2e.baseURL });
    if (role === "staff") {
      const staff = await createStaff({ role: "staff" });
      const page = await context.newPage();
      await page.goto("/sign-in");
      await page.getByLabel("Email").fill(staff.email);
      await page.getByLabel("Password").fill(staff.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
      await page.close();
    }
    // Customers and visitors must not see B's data; a customer sees only its own project.
    const otherData = role === "customer" ? [b.businessName, b.messageText] : role === "anonymous" ? [a.businessName, b.businessName, a.messageText, b.messageText] : [];
    const forbidden = await secretsFor(context)(otherData);
    const report = await crawl(context, forbidden, e2e.database === "postgres");
    await context.close();
    test.info().annotations.push({ type: "proof", description: JSON.stringify({ role, visited: report.visited, axe: report.axe.length, leaks: report.leaks.length }) });
    console.log(`[proof] crawl ${role}: ${report.visited} pages, ${report.axe.length} serious/critical axe violations, ${report.leaks.length} leaks`);
    expect(report.visited).toBeGreaterThanOrEqual(urls().length);
    expect.soft(report.axe).toEqual([]);
    expect.soft(report.leaks).toEqual([]);
    expect.soft(report.headers).toEqual([]);
    expect.soft(report.cookies).toEqual([]);
  });
}
