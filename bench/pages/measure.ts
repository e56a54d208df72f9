import { chromium, type BrowserContextOptions } from "@playwright/test";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

export interface PageResult {
  performance: number;
  accessibility: number;
  lcpMs: number;
  fcpMs: number;
  tbtMs: number;
  cls: number;
}

type StorageState = Exclude<BrowserContextOptions["storageState"], string | undefined>;

// What the probe of this machine found Chromium needs headless here (no sandbox as root, no
// background networking: the closed network refuses those connections).
const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/**
 * One Lighthouse 12 run (desktop preset: 40 ms RTT, 10 Mbit/s, no CPU slowdown; performance and
 * accessibility categories) of `url` in a fresh Debian Chromium. A signed-in page gets the session
 * cookies first, and Lighthouse is told not to clear storage so it loads the page as that user.
 */
export async function lighthousePage(url: string, state: StorageState | undefined): Promise<PageResult> {
  const chrome = await chromeLauncher.launch({ chromePath: "/usr/bin/chromium", chromeFlags: CHROME_FLAGS, logLevel: "error" });
  try {
    if (state?.cookies.length) {
      const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
      await browser.contexts()[0]!.addCookies(state.cookies);
      await browser.close();
    }
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"], disableStorageReset: Boolean(state) }, desktopConfig);
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { categories, audits, finalDisplayedUrl, runtimeError } = result.lhr;
    if (runtimeError) throw new Error(`Lighthouse: ${runtimeError.code} ${runtimeError.message}`);
    // A redirect to sign-in would score the wrong page.
    if (new URL(finalDisplayedUrl).pathname !== new URL(url).pathname) throw new Error(`${url} ended at ${finalDisplayedUrl}`);
    const score = (c: { score: number | null } | undefined) => Math.round((c?.score ?? 0) * 100);
    const value = (id: string) => audits[id]?.numericValue ?? NaN;
    return {
      performance: score(categories.performance),
      accessibility: score(categories.accessibility),
      lcpMs: Math.round(value("largest-contentful-paint")),
      fcpMs: Math.round(value("first-contentful-paint")),
      tbtMs: Math.round(value("total-blocking-time")),
      cls: Math.round(value("cumulative-layout-shift") * 1000) / 1000,
    };
  } finally {
    chrome.kill();
  }
}
