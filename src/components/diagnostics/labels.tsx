import { Badge } from "@/components/ui";
import { AlertCircleIcon, AlertTriangleIcon, CheckCircleIcon, XCircleIcon } from "@/components/ui/icons";
import { verdictTone, type Tone } from "@/components/ui/tones";

export type CheckVerdict = "pass" | "warn" | "fail" | "skip";
export type Overall = "healthy" | "warning" | "broken" | "unchecked";

const VERDICT_TEXT: Record<CheckVerdict, string> = { pass: "Pass", warn: "Warning", fail: "Fail", skip: "Skipped" };
const VERDICT_ICON = { pass: CheckCircleIcon, warn: AlertTriangleIcon, fail: XCircleIcon, skip: AlertCircleIcon } as const;

/** Icon and word together: the verdict never relies on colour alone. */
export function VerdictBadge({ verdict }: { verdict: CheckVerdict }) {
  const Icon = VERDICT_ICON[verdict];
  return (
    <Badge tone={verdictTone(verdict)} icon={<Icon size={14} />}>
      {VERDICT_TEXT[verdict]}
    </Badge>
  );
}

const OVERALL: Record<Overall, { tone: Tone; text: string; verdict: CheckVerdict }> = {
  healthy: { tone: "success", text: "Healthy", verdict: "pass" },
  warning: { tone: "warning", text: "Warning", verdict: "warn" },
  broken: { tone: "danger", text: "Broken", verdict: "fail" },
  unchecked: { tone: "neutral", text: "Not checked", verdict: "skip" },
};

export function OverallBadge({ overall }: { overall: Overall }) {
  const o = OVERALL[overall];
  const Icon = VERDICT_ICON[o.verdict];
  return (
    <Badge tone={o.tone} icon={<Icon size={14} />}>
      {o.text}
    </Badge>
  );
}

export const OWNER_LABEL: Record<string, string> = {
  reseller_staff: "Reseller staff",
  customer: "Customer",
  meta_app_owner: "Meta app owner",
  sinch: "Sinch",
  nobody: "Nobody",
};

/** Who must act, always spelled out. */
export function OwnerBadge({ owner }: { owner: string }) {
  const tone: Tone = owner === "customer" ? "warning" : owner === "reseller_staff" ? "info" : "neutral";
  return (
    <Badge tone={tone} title="Who must fix it">
      <span className="sr-only">Fix owner: </span>
      {OWNER_LABEL[owner] ?? owner}
    </Badge>
  );
}
