/**
 * The error catalogue: Sinch reason codes, Sinch states and Meta/WhatsApp codes joined to the
 * troubleshooting rows. Used by the catalogue page, by `<CodeLink>` and by the engine.
 */
import { CATALOGUE_ROWS, catalogueRow, type CatalogueRow } from "./catalogue-rows";
import { CODE_ENTRIES, type CodeEntry, type CodeKind } from "./catalogue-codes";

export { CATALOGUE_ROWS, CODE_ENTRIES, catalogueRow, type CatalogueRow, type CodeEntry, type CodeKind };

const byCode = new Map(CODE_ENTRIES.map((e) => [e.code, e]));

/** `"190 / 460"`, `"#190/460"`, `"(#190)"` → `"190/460"`, `"190"`; Sinch names stay upper-case. */
export function normaliseCode(raw: string): string {
  const s = raw.trim();
  const meta = /^\(?#?(\d+)\)?(?:\s*\/\s*(\d+))?$/.exec(s);
  if (meta) return meta[2] ? `${meta[1]}/${meta[2]}` : meta[1]!;
  return s.toUpperCase();
}

/** The entry for a code; a Meta `code/subcode` without its own entry falls back to the code. */
export function lookupCode(raw: string): CodeEntry | undefined {
  const code = normaliseCode(raw);
  return byCode.get(code) ?? (code.includes("/") ? byCode.get(code.split("/")[0]!) : undefined);
}

/**
 * Meta's code and subcode out of free text Sinch passes on, e.g. `(#200) ... (subcode 2534041)` or
 * `190/460`. Classification uses numbers only, never the wording (meta.md section 10).
 */
export function metaCodeIn(text: string | null | undefined): string | null {
  if (!text) return null;
  const hash = /\(#(\d+)\)/.exec(text);
  if (hash) {
    const sub = /subcode[:\s]+(\d+)/i.exec(text) ?? /error_subcode["':\s]+(\d+)/i.exec(text);
    return sub ? `${hash[1]}/${sub[1]}` : hash[1]!;
  }
  const slash = /\b(\d{1,6})\s*\/\s*(\d{2,8})\b/.exec(text);
  if (slash) return `${slash[1]}/${slash[2]}`;
  const wa = /\b(13[0-3]\d{3})\b/.exec(text);
  return wa ? wa[1]! : null;
}

export interface CatalogueSearchResult {
  rows: CatalogueRow[];
  codes: CodeEntry[];
}

const matches = (q: string, ...fields: string[]) => fields.some((f) => f.toLowerCase().includes(q));

/** Plain substring search over every field, so "password", "2534041" and "M5" all find their entry. */
export function searchCatalogue(query: string, kind?: CodeKind): CatalogueSearchResult {
  const q = query.trim().toLowerCase();
  const exact = q ? lookupCode(q) : undefined;
  const codes = CODE_ENTRIES.filter((e) => (!kind || e.kind === kind) && (!q || matches(q, e.code, e.title, e.cause, e.how, e.rows.join(" ")) || e === exact));
  const rows = kind ? [] : CATALOGUE_ROWS.filter((r) => !q || matches(q, r.id, r.symptom, r.cause, r.how, r.who.join(" ")));
  return { rows, codes };
}
