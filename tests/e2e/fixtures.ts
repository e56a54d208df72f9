import { randomBytes } from "node:crypto";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { readState, type E2EState } from "./support/state";

export { expect };

export type StaffRole = "admin" | "staff";

export interface Account {
  email: string;
  password: string;
}

export interface StaffAccount extends Account {
  id: string;
  name: string;
  role: StaffRole;
}

/** Signs in through the real form and waits until the app has left the sign-in page. */
export async function signIn(page: Page, account: Account): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

/** axe on the page as it is now: no serious or critical violation. */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  // Colours are checked as they end up: a dialog or toast still fading in has a partial opacity that
  // axe would measure as low contrast. Finite animations are awaited (spinners run forever).
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity))
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious).toEqual([]);
}

/** A tRPC procedure called the way the browser calls it (superjson envelope), with the page's cookies. */
export async function trpcMutation<T>(request: APIRequestContext, procedure: string, input: unknown): Promise<T> {
  const res = await request.post(`/api/trpc/${procedure}`, { data: { json: input } });
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: { json: { message: string } } };
  if (!res.ok() || !body.result) throw new Error(`${procedure} failed (${res.status()}): ${body.error?.json.message ?? "no result"}`);
  return body.result.data.json;
}

type WorkerFixtures = {
  e2e: E2EState;
  /** Path of a storage state signed in as the seeded admin, made once per worker. */
  adminStorageState: string;
};

type TestFixtures = {
  /** A page in its own context, signed in as the seeded admin. */
  adminPage: Page;
  /** An email address no other test or worker uses. */
  uniqueEmail: (prefix?: string) => string;
  /** Creates a staff member with an initial password through the staff API, as the admin. */
  createStaff: (options?: { role?: StaffRole; name?: string; password?: string }) => Promise<StaffAccount>;
  /** A page in a fresh browser context (no shared cookies), signed in as the given account. */
  pageAs: (account: Account) => Promise<Page>;
};

async function newContextPage(browser: Browser, baseURL: string, storageState?: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, storageState });
  return context.newPage();
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  e2e: [async ({}, use) => use(readState()), { scope: "worker" }],

  adminStorageState: [
    async ({ browser, e2e }, use, workerInfo) => {
      const file = path.join(workerInfo.project.outputDir, `.auth/admin-${workerInfo.workerIndex}.json`);
      const page = await newContextPage(browser, e2e.baseURL);
      await signIn(page, { email: e2e.adminEmail, password: e2e.adminPassword });
      await page.context().storageState({ path: file });
      await page.context().close();
      await use(file);
    },
    { scope: "worker" },
  ],

  baseURL: async ({ e2e }, use) => use(e2e.baseURL),

  uniqueEmail: async ({}, use, testInfo) => {
    await use((prefix = "user") => `${prefix}-w${testInfo.workerIndex}-${randomBytes(4).toString("hex")}@e2e.test`);
  },

  adminPage: async ({ browser, e2e, adminStorageState }, use) => {
    const page = await newContextPage(browser, e2e.baseURL, adminStorageState);
    await use(page);
    await page.context().close();
  },

  createStaff: async ({ playwright, e2e, adminStorageState, uniqueEmail }, use) => {
    const request = await playwright.request.newContext({ baseURL: e2e.baseURL, storageState: adminStorageState });
    await use(async (options = {}) => {
      const role = options.role ?? "staff";
      const email = uniqueEmail(role);
      const name = options.name ?? `E2E ${role} ${email.split("@")[0]}`;
      const password = options.password ?? `pw-${randomBytes(9).toString("base64url")}`;
      const created = await trpcMutation<{ user: { id: string } }>(request, "staff.create", { email, name, role, password });
      return { id: created.user.id, email, name, role, password };
    });
    await request.dispose();
  },

  pageAs: async ({ browser, e2e }, use) => {
    const pages: Page[] = [];
    await use(async (account) => {
      const page = await newContextPage(browser, e2e.baseURL);
      pages.push(page);
      await signIn(page, account);
      return page;
    });
    for (const page of pages) await page.context().close();
  },
});
