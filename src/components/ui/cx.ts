import { clsx, type ClassValue } from "clsx";

export type { ClassValue };

/** Joins class names; the one helper every component uses so class merging behaves the same. */
export function cx(...values: ClassValue[]): string {
  return clsx(values);
}

/** The focus ring shared by every interactive element (keyboard focus only). */
export const focusRing =
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";

/** Shared look of text inputs, textareas and selects. */
export const controlBase =
  "block w-full rounded-control border border-line-strong bg-surface px-3 py-2 text-sm text-ink " +
  "shadow-xs placeholder:text-slate-500 transition-colors " +
  "hover:border-slate-400 focus-visible:border-brand-600 focus-visible:outline-2 " +
  "focus-visible:-outline-offset-1 focus-visible:outline-brand-600 " +
  "disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-600 " +
  "aria-[invalid=true]:border-red-600 aria-[invalid=true]:focus-visible:outline-red-600";
