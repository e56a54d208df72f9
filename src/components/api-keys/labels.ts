export const SCOPES = [
  { value: "read", label: "Read-only", description: "GET requests only: list and read customers, access, channels, diagnostics, the inbox and webhook events." },
  { value: "full", label: "Full access", description: "Everything read-only can, plus create and archive customers, invite and revoke access, run diagnostics, reply and replay." },
] as const;
export type ScopeValue = (typeof SCOPES)[number]["value"];

export const scopeLabel = (scope: ScopeValue) => SCOPES.find((s) => s.value === scope)?.label ?? scope;
