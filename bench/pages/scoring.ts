/**
 * Lighthouse's scoring, reimplemented (the `lighthouse` package needs Node ≥ 22.19 from 13.x on):
 * each metric is scored on a log-normal curve fixed by its p10 and median, and the performance score
 * is the weighted mean. Curves and weights are Lighthouse 12's desktop profile.
 */
export const DESKTOP_CURVES = {
  fcp: { p10: 934, median: 1600, weight: 0.1 },
  si: { p10: 1311, median: 2300, weight: 0.1 },
  lcp: { p10: 1200, median: 2400, weight: 0.25 },
  tbt: { p10: 150, median: 350, weight: 0.3 },
  cls: { p10: 0.1, median: 0.25, weight: 0.25 },
} as const;

export type MetricName = keyof typeof DESKTOP_CURVES;

// Abramowitz–Stegun 7.1.26, accurate to 1.5e-7: plenty for a score rounded to whole points.
function erf(x: number): number {
  const sign = Math.sign(x);
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return sign * y;
}

/** Lighthouse's `getLogNormalScore`: 0.9 at p10, 0.5 at the median. */
export function logNormalScore(p10: number, median: number, value: number): number {
  if (value <= 0) return 1;
  const INVERSE_ERFC_ONE_FIFTH = 0.9062272463186234;
  const xLogRatio = Math.log(value / median);
  const p10LogRatio = -Math.log(p10 / median);
  const standardizedX = (xLogRatio * INVERSE_ERFC_ONE_FIFTH) / p10LogRatio;
  const score = (1 - erf(standardizedX)) / 2;
  return Math.min(1, Math.max(0, score));
}

export function performanceScore(metrics: Record<MetricName, number>): number {
  let total = 0;
  for (const [name, curve] of Object.entries(DESKTOP_CURVES) as Array<[MetricName, (typeof DESKTOP_CURVES)[MetricName]]>) {
    total += curve.weight * logNormalScore(curve.p10, curve.median, metrics[name]);
  }
  return Math.round(total * 100);
}

/**
 * Lighthouse's accessibility score is the weighted share of applicable axe rules that pass. Weights
 * follow the rule's impact (Lighthouse gives most rules 7 or 10, a few 3 or 1).
 */
const IMPACT_WEIGHT: Record<string, number> = { critical: 10, serious: 7, moderate: 3, minor: 1 };

export function accessibilityScore(passes: Array<{ impact?: string | null }>, violations: Array<{ impact?: string | null }>): number {
  const weight = (r: { impact?: string | null }) => IMPACT_WEIGHT[r.impact ?? "moderate"] ?? 3;
  const passed = passes.reduce((s, r) => s + weight(r), 0);
  const failed = violations.reduce((s, r) => s + weight(r), 0);
  return passed + failed === 0 ? 100 : Math.round((passed / (passed + failed)) * 100);
}
