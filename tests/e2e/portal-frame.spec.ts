import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test, trpcMutation } from "./fixtures";
import { linkFromOutbox, readyCustomer } from "./channels-support";
import { concretePath, pageRoutes } from "./proof-support";

/**
 * Every /portal page (read from src/app, so a new one is covered without editing this file), as a
 * customer with a live grant, at desktop and phone widths: the customer frame is there (header with
 * the reseller, the "Access ends" badge, sign-out, the main landmark, content off the edges) and axe
 * finds nothing.
 */
test.describe.configure({ mode: "serial" });

const CHANNELS = ["MESSENGER", "INSTAGRAM", "WHATSAPP"] as const;
const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

function portalUrls(): string[] {
  const routes = pageRoutes().filter((r) => r === "/portal" || r.startsWith("/portal/"));
  const out = new Set<string>();
  for (const route of routes) {
    for (const channel of route.includes("[channel]") ? CHANNELS : [CHANNELS[0]]) out.add(concretePath(route, { channel: channel.toLowerCase() }));
  }
  return [...out];
}

async function expectFrame(page: Page, url: string) {
  const banner = page.getByRole("banner");
  await expect(banner, `${url}: header`).toBeVisible();
  await expect(banner.getByText(/^Access ends/), `${url}: access-ends badge`).toBeVisible();
  await expect(banner.getByRole("button", { name: "Sign out" }), `${url}: sign-out`).toBeVisible();
  const main = page.getByRole("main");
  await expect(main, `${url}: main landmark`).toHaveCount(1);
  const heading = main.getByRole("heading", { level: 1 }).first();
  await expect(heading, `${url}: a live page, not the ended one`).toBeVisible();
  await expect(main.getByTestId("access-ended")).toHaveCount(0);
  // The frame's padding: the content never touches the window's edges.
  const box = (await heading.boundingBox())!;
  const width = page.viewportSize()!.width;
  expect(box.x, `${url}: left padding`).toBeGreaterThanOrEqual(16);
  expect(box.x + box.width, `${url}: right padding`).toBeLessThanOrEqual(width - 16);
}

test("every /portal page wears the customer frame and is axe-clean at 1280 and 390 px", async ({ adminPage, browser, e2e }) => {
  test.setTimeout(480_000);
  const urls = portalUrls();
  expect(urls).toContain("/portal");
  expect(urls).toContain("/portal/connect/messenger");

  const t = randomBytes(3).toString("hex");
  const { customerId } = await readyCustomer(adminPage.request, t);
  const email = `frame-${t}@e2e.test`;
  await trpcMutation(adminPage.request, "access.invite", { customerId, email, channels: [...CHANNELS] });
  const link = await linkFromOutbox(adminPage, email);

  const context = await browser.newContext({ baseURL: e2e.baseURL });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page).toHaveURL(/\/portal$/);

  const problems: string[] = [];
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    for (const url of urls) {
      await page.goto(url);
      await page.waitForLoadState("networkidle", { timeout: 3_000 }).catch(() => undefined);
      expect(new URL(page.url()).pathname, `${url} stays where it was asked`).toBe(url);
      await expectFrame(page, `${url} @${viewport.name}`);
      const axe = await new AxeBuilder({ page }).analyze();
      for (const v of axe.violations) problems.push(`${url} @${viewport.name}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(" | ")}`);
    }
  }
  expect(problems).toEqual([]);
  await context.close();
});
