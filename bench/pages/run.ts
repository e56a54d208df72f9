// `npm run bench:pages`: Lighthouse 12 performance and accessibility scores of the sign-in page,
// the customer list, a customer page, the dashboard, the inbox and the customer onboarding page, against
// `next start` (the e2e global setup: emulator + built app) in Debian's Chromium. Prints a table and
// writes test-results/bench-pages.json. Target: performance ≥ 95 and accessibility ≥ 95.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import globalSetup from "../../tests/e2e/global-setup";
import { readState } from "../../tests/e2e/support/state";
import { PortalClient, emulatorControl } from "../../scripts/chaos/portal-client";
import { lighthousePage, type PageResult } from "./measure";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const teardown = await globalSetup();
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
  try {
    const e2e = readState();
    const api = new PortalClient(e2e.baseURL);
    await api.signIn(e2e.adminEmail, e2e.adminPassword);
    const { customerId } = await api.mutation<{ customerId: string }>("customers.create", { businessName: "Bench Bakery", contactName: "Bea", contactEmail: "bea@bench.test", region: "eu", projectMode: "subproject" });
    await api.mutation("customers.runSetup", { customerId });
    const appId = (await api.query<{ app: { appId: string } }>("customers.get", { customerId })).app.appId;
    for (let i = 0; i < 20; i++) await emulatorControl(e2e.emulatorURL, "POST", `/_emulator/sinch/apps/${appId}/inbound`, { channel: "INSTAGRAM", identity: `IG-BENCH-${i % 5}`, kind: "text", text: `Bench message ${i}`, force: true });
    await api.mutation("access.invite", { customerId, email: "bea@bench.test", channels: ["MESSENGER", "INSTAGRAM", "WHATSAPP"] });
    const { rows } = await api.query<{ rows: Array<{ id: string; customerId: string | null }> }>("outbox.list", { pageSize: 100 });
    const { body } = await api.query<{ body: string }>("outbox.get", { id: rows.find((r) => r.customerId === customerId)!.id });
    const token = /\/access\/([A-Za-z0-9_-]{43})/.exec(body)![1]!;

    // Storage states: the admin signed in through the form; the customer through its invite link.
    const adminCtx = await browser.newContext({ baseURL: e2e.baseURL });
    const signIn = await adminCtx.newPage();
    await signIn.goto("/sign-in");
    await signIn.getByLabel("Email").fill(e2e.adminEmail);
    await signIn.getByLabel("Password").fill(e2e.adminPassword);
    await signIn.getByRole("button", { name: "Sign in" }).click();
    await signIn.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    const adminState = await adminCtx.storageState();
    await adminCtx.close();
    const customerCtx = await browser.newContext({ baseURL: e2e.baseURL });
    const link = await customerCtx.newPage();
    await link.goto(`/access/${token}`);
    await link.waitForURL((u) => u.pathname.startsWith("/portal"));
    const customerState = await customerCtx.storageState();
    await customerCtx.close();

    const targets = [
      { name: "sign-in", url: "/sign-in", state: undefined },
      { name: "customer list", url: "/customers", state: adminState },
      { name: "customer page", url: `/customers/${customerId}`, state: adminState },
      { name: "dashboard", url: "/dashboard", state: adminState },
      { name: "inbox", url: "/inbox", state: adminState },
      { name: "customer onboarding", url: "/portal", state: customerState },
    ];
    const results: Array<{ name: string; url: string } & PageResult> = [];
    for (const t of targets) {
      const url = new URL(t.url, e2e.baseURL).toString();
      await lighthousePage(url, t.state); // warm-up: server-side caches, not the browser's
      const runs: PageResult[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await lighthousePage(url, t.state));
      const med = (k: keyof PageResult) => median(runs.map((r) => r[k]));
      results.push({ name: t.name, url: t.url.replace(customerId, ":customerId"), performance: med("performance"), accessibility: med("accessibility"), lcpMs: med("lcpMs"), fcpMs: med("fcpMs"), tbtMs: med("tbtMs"), cls: med("cls") });
    }
    console.table(results);
    const missed = results.filter((r) => r.performance < 95 || r.accessibility < 95);
    const out = path.resolve("test-results/bench-pages.json");
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify({ method: "Lighthouse 12.8.2, desktop preset, Debian Chromium, median of runs", runs: RUNS, results }, null, 2));
    console.log(missed.length ? `Below target (95/95): ${missed.map((m) => m.name).join(", ")}` : "All pages meet the target (performance ≥ 95, accessibility ≥ 95).");
  } finally {
    await browser.close();
    await teardown();
  }
}

await main();
