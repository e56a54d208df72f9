import type { Tone } from "@/components/ui";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type RouterOutputs = inferRouterOutputs<AppRouter>;

export type CustomerDetail = RouterOutputs["customers"]["get"];
export type CustomerRow = RouterOutputs["customers"]["list"]["rows"][number];
export type Stage = CustomerRow["stage"];
export type Health = CustomerRow["health"];
export type Access = CustomerRow["access"];

export const stageLabels: Record<Stage, { label: string; tone: Tone }> = {
  setup: { label: "Setting up", tone: "warning" },
  needs_attention: { label: "Needs attention", tone: "danger" },
  ready: { label: "Ready to connect channels", tone: "info" },
  live: { label: "Live", tone: "success" },
};

export const healthLabels: Record<Health, { label: string; tone: Tone }> = {
  healthy: { label: "Healthy", tone: "success" },
  failing: { label: "Failing", tone: "danger" },
  connecting: { label: "Connecting", tone: "warning" },
  no_channels: { label: "No channels", tone: "neutral" },
};

export const regionOptions = [
  { value: "us", label: "United States (US)" },
  { value: "eu", label: "European Union (EU)" },
  { value: "br", label: "Brazil (BR)" },
];

export function accessLabel(access: Access): { label: string; tone: Tone } {
  switch (access.status) {
    case "none":
      return { label: "No access", tone: "neutral" };
    case "invited":
      return { label: "Invited", tone: "info" };
    case "active":
      return { label: "Access active", tone: "success" };
    case "ended":
      return { label: `Access ${access.reason}`, tone: "neutral" };
  }
}
