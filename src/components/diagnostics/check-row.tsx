import { CodeLink } from "./code-link";
import { OwnerBadge, VerdictBadge } from "./labels";

export interface CheckView {
  id: string;
  title: string;
  source: "sinch" | "meta" | "portal";
  verdict: "pass" | "warn" | "fail" | "skip";
  evidence: { text: string; codes: string[] };
  owner: string;
  catalogueRow: string | null;
  guidance?: string;
  fix?: { action: string; label: string; confirm?: string };
}

const SOURCE = { sinch: "Sinch", meta: "Meta", portal: "Portal" } as const;

/** One check: verdict (icon + word), evidence with linked codes, who fixes it, and the fix button. */
export function CheckRow({ check, action }: { check: CheckView; action?: React.ReactNode }) {
  const problem = check.verdict === "fail" || check.verdict === "warn";
  return (
    <li className="flex flex-col gap-2 border-b border-line py-3 last:border-b-0 sm:flex-row sm:items-start sm:justify-between" data-check={check.id}>
      <div className="min-w-0 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <VerdictBadge verdict={check.verdict} />
          <h3 className="font-medium text-ink">{check.title}</h3>
          <span className="text-xs text-ink-muted">{SOURCE[check.source]}</span>
          {check.catalogueRow && <CodeLink code={check.catalogueRow} />}
        </div>
        <p className="text-sm text-ink-muted">{check.evidence.text}</p>
        {check.evidence.codes.length > 0 && (
          <p className="flex flex-wrap gap-2 text-xs">
            <span className="text-ink-muted">Codes:</span>
            {check.evidence.codes.map((c) => (
              <CodeLink key={c} code={c} />
            ))}
          </p>
        )}
        {problem && check.guidance && <p className="text-sm text-ink">{check.guidance}</p>}
      </div>
      {problem && (
        <div className="flex shrink-0 flex-wrap items-center gap-2">
          <OwnerBadge owner={check.owner} />
          {action}
        </div>
      )}
    </li>
  );
}
