import { defineConfig } from "@playwright/test";

// Debian's Chromium is driven directly; Playwright must never try to download its own browser.
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = "1";

const ci = !!process.env.CI;

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results/e2e",
  globalSetup: "./tests/e2e/global-setup.ts",
  // Two cores: one worker drives Chromium while the other core serves next start and the emulator.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  fullyParallel: false,
  forbidOnly: ci,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: process.env.E2E_JSON_REPORT ?? "test-results/e2e-report.json" }]],
  // Specs that flip process-wide emulator switches (faults, Subprojects off) run alone, after the
  // rest, so a parallel spec never meets a fault meant for them.
  projects: [
    { name: "main", testIgnore: ["**/customers.spec.ts"] },
    { name: "emulator-switches", testMatch: ["**/customers.spec.ts"], dependencies: ["main"], workers: 1 },
  ],
  use: {
    // Set by the global setup before workers start; workers load this file again and see it.
    baseURL: process.env.E2E_BASE_URL,
    browserName: "chromium",
    headless: true,
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
});
