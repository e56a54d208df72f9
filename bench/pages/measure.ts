import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContextOptions } from "@playwright/test";
import { accessibilityScore, performanceScore, type MetricName } from "./scoring";

/** Registered before any page script runs, so long tasks and layout shifts from the start are seen. */
const OBSERVERS = `
  window.__perf = { longTasks: [], cls: 0, lcp: 0 };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__perf.longTasks.push([e.startTime, e.duration]); }).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__perf.cls += e.value; }).observe({ type: "layout-shift", buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__perf.lcp = Math.max(window.__perf.lcp, e.startTime); }).observe({ type: "largest-contentful-paint", buffered: true });
`;

export interface PageResult {
  metrics: Record<MetricName, number>;
  performance: number;
  accessibility: number;
}

/**
 * One cold load (fresh context: empty cache and storage) under Lighthouse's desktop conditions:
 * 40 ms RTT, 10 Mbit/s, no CPU slowdown. Speed Index is approximated by first contentful paint
 * (no filmstrip), which matches server-rendered pages that paint complete on first paint.
 */
export async function measurePage(browser: Browser, url: string, contextOptions: BrowserContextOptions): Promise<PageResult> {
  const context = await browser.newContext({ ...contextOptions, viewport: { width: 1350, height: 940 } });
  const page = await context.newPage();
  await page.addInitScript(OBSERVERS);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 40, downloadThroughput: (10 * 1024 * 1024) / 8, uploadThroughput: (10 * 1024 * 1024) / 8 });
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
  await page.waitForTimeout(1_000);
  const raw = await page.evaluate(() => {
    const w = window as unknown as { __perf: { longTasks: Array<[number, number]>; cls: number; lcp: number } };
    const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0;
    const tbt = w.__perf.longTasks.filter(([start]) => start >= fcp).reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0);
    return { fcp, lcp: w.__perf.lcp || fcp, cls: w.__perf.cls, tbt };
  });
  const metrics = { fcp: raw.fcp, si: raw.fcp, lcp: raw.lcp, tbt: raw.tbt, cls: raw.cls };
  const axe = await new AxeBuilder({ page }).analyze();
  await context.close();
  return { metrics, performance: performanceScore(metrics), accessibility: accessibilityScore(axe.passes, axe.violations) };
}
