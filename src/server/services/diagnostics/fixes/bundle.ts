import type { Db } from "@/server/db/client";
import type { Channel } from "@/server/db/schema";
import { audit, type Actor } from "@/server/services/audit";
import { diagnose, type Probe, type ProbeError } from "../engine";
import { gatherSignals } from "../gather";
import { redactDeep, redactText } from "../redact";

export interface SupportBundle {
  text: string;
  generatedAt: Date;
}

function traceIds(probes: Array<Probe<unknown> | undefined>): Array<{ operation: string; fbtraceId: string }> {
  return probes
    .filter((p): p is { ok: false; error: ProbeError } => p !== undefined && !p.ok && Boolean(p.error.fbtraceId))
    .map((p) => ({ operation: p.error.operation, fbtraceId: p.error.fbtraceId! }));
}

const line = (k: string, v: unknown) => `${k}: ${v === null || v === undefined || v === "" ? "—" : v instanceof Date ? v.toISOString() : String(v)}`;

/**
 * Everything a Sinch or Meta support engineer asks for — ids, states, recent reason codes, Meta
 * trace ids, timestamps — read fresh, as plain text to paste into a ticket. No token, no secret:
 * the text is built from ids and states only and scrubbed again at the end.
 */
export async function buildSupportBundle(db: Db, actor: Actor, customerId: string, channel: Channel): Promise<SupportBundle> {
  const now = new Date();
  const { signals: s, context, secrets } = await gatherSignals(db, customerId, channel, now);
  const d = redactDeep(diagnose(s), secrets);
  const c = context.connection;
  const cred = s.sinch.credential?.ok ? s.sinch.credential.value : null;
  const sender = s.sinch.sender?.ok ? s.sinch.sender.value : null;
  const token = s.meta.token?.ok ? s.meta.token.value : null;
  const webhooks = s.sinch.webhooks?.ok ? s.sinch.webhooks.value : null;
  const ours = webhooks?.list.find((w) => w.target === webhooks.target);
  const traces = traceIds([s.sinch.credential, s.sinch.webhooks, s.sinch.sender, s.meta.token, s.meta.subscriptions, s.meta.page, s.meta.phone]);
  const sections = [
    "== Support bundle ==",
    line("Generated at", now),
    line("Channel", channel),
    line("Overall", d.overall),
    line("Main reason", d.mainReason),
    "",
    "== Sinch ==",
    line("Project id", context.project?.projectId),
    line("Project kind", context.project?.kind),
    line("App id", context.app?.appId),
    line("Region (stored)", context.app?.region),
    line("Credential state", cred ? `${cred.status}${cred.description ? ` — ${cred.description}` : ""}` : s.sinch.credential && !s.sinch.credential.ok ? `call failed: ${s.sinch.credential.error.code}` : null),
    line("Channel known id", cred?.knownId),
    line("Sender id", c?.senderId),
    line("Sender state", sender ? `${sender.state}${sender.changesStatus ? ` (changes ${sender.changesStatus})` : ""}` : null),
    line("Portal webhook id", ours?.id ?? context.webhook?.sinchWebhookId),
    line("Portal webhook target", webhooks?.target),
    line("Portal webhook triggers", ours?.triggers.join(", ")),
    line("Portal webhook has secret", ours ? (ours.hasSecret ? "yes" : "no") : null),
    line("Webhooks on app", webhooks?.list.length),
    "",
    "== Meta ==",
    line("Page id", c?.pageId),
    line("Instagram account id", c?.igAccountId),
    line("WABA id", c?.wabaId),
    line("Phone number id", c?.phoneNumberId),
    line("Token type", token?.type ?? c?.tokenType),
    line("Token valid", token ? (token.isValid ? "yes" : `no${token.error ? ` (${token.error.code}/${token.error.subcode ?? "-"})` : ""}`) : null),
    line("Token expires", token?.expiresAt ?? c?.tokenExpiresAt),
    line("Data access expires", token?.dataAccessExpiresAt ?? c?.dataAccessExpiresAt),
    line("Granted scopes", (token?.scopes ?? c?.grantedScopes ?? []).join(", ")),
    ...(traces.length ? traces.map((t) => line(`fbtrace_id (${t.operation})`, t.fbtraceId)) : [line("fbtrace_id", "none recorded")]),
    "",
    "== Portal ==",
    line("Channel state", c?.state),
    line("State changed at", c?.stateChangedAt),
    line("Last inbound at", s.portal.lastInboundAt),
    line("Last delivery report at", s.portal.lastReportAt),
    line("Inbound last 24 h / usual per day", `${s.portal.inboundLast24h} / ${s.portal.inboundDailyBaseline.toFixed(1)}`),
    line("Signature failures", s.portal.signatureFailures.map((f) => `${f.reason}×${f.count} (last ${f.lastAt.toISOString()})`).join(", ") || "none"),
    "",
    "== Recent delivery reports (newest first) ==",
    ...(s.portal.recentReports.length
      ? s.portal.recentReports.slice(0, 10).map((r) => `${r.at.toISOString()} ${r.status}${r.reasonCode ? ` ${r.reasonCode}` : ""}${r.reasonSubCode ? `/${r.reasonSubCode}` : ""}${r.description ? ` — ${r.description}` : ""}`)
      : ["none"]),
    "",
    "== Checks ==",
    ...d.checks.map((k) => `[${k.verdict.toUpperCase()}] ${k.title}${k.catalogueRow ? ` (${k.catalogueRow})` : ""}: ${k.evidence.text}${k.evidence.codes.length ? ` [${k.evidence.codes.join(", ")}]` : ""}`),
  ];
  await audit(db, { actor, action: "diagnostics.fix_applied", target: { type: "channel", id: c?.id ?? `${customerId}:${channel}` }, customerId, metadata: { channel, action: "copy_support_bundle" } });
  return { text: redactText(sections.join("\n"), secrets), generatedAt: now };
}
