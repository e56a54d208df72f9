import Link from "next/link";
import { catalogueRow, lookupCode, normaliseCode } from "@/server/services/diagnostics/catalogue";

/**
 * A vendor code (Sinch reason, credential state, Meta `code/subcode`…) as a link to its catalogue
 * entry. Use it wherever a code is shown, so every code explains itself in one click.
 */
export function CodeLink({ code, className }: { code: string; className?: string }) {
  const row = /^[MS]\d{1,2}$/.test(code) ? catalogueRow(code) : undefined;
  const entry = row ? { title: `Catalogue ${row.id}`, cause: row.symptom } : lookupCode(code);
  const q = encodeURIComponent(row ? code : normaliseCode(code));
  return (
    <Link
      href={`/troubleshooting/catalogue?q=${q}`}
      title={entry ? `${entry.title}: ${entry.cause}` : "Unknown code: shown as received. Open the catalogue."}
      className={`rounded-sm font-mono text-xs text-brand-700 underline decoration-dotted underline-offset-2 hover:decoration-solid ${className ?? ""}`}
    >
      {code}
    </Link>
  );
}
