import { sinchState } from "../sinch/state";
import type { World } from "../world";

const esc = (v: unknown): string =>
  String(v ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function table(headers: string[], rows: unknown[][]): string {
  if (rows.length === 0) return "<p><em>none</em></p>";
  const head = headers.map((h) => `<th>${esc(h)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("");
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** Read-only overview of the emulator state with links to the JSON control routes. */
export function renderControlPage(world: World): string {
  const s = sinchState(world);
  const projects = [...s.projects.values()].map((p) => [
    p.id, p.displayName, p.parentId ?? "(top level)", p.deleted ? "deleted" : world.clock.now() < p.readyAt ? "warming up" : "ready",
    [...s.keys.values()].filter((k) => k.projectId === p.id).map((k) => k.keyId).join(", "),
  ]);
  const apps = [...s.apps.values()].map((a) => [
    a.id, a.projectId, a.region, a.fields.display_name, a.fields.processing_mode,
    a.credentials.map((c) => `${c.channel}: ${c.status}${c.description ? ` (${c.description})` : ""}`).join("; "),
    [...s.webhooks.values()].filter((w) => w.app_id === a.id).length,
  ]);
  const senders = [...s.senders.values()].map((x) => [x.id, x.projectId, x.region, x.state, x.wabaId, x.phoneNumberId]);
  const log = s.dispatcher.entries().slice(-25).reverse().map((e) => [e.at, e.eventType, e.target, e.attempt, e.status ?? e.error, e.signed ? "signed" : "unsigned"]);
  const links = [
    "/_emulator/clock", "/_emulator/faults", "/_emulator/callbacks/log", "/_emulator/sinch/projects", "/_emulator/sinch/apps", "/_emulator/sinch/senders",
  ].map((l) => `<li><a href="${l}">${l}</a></li>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sinch + Meta emulator</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}</style></head>
<body><h1>Sinch + Meta emulator</h1>
<p>Emulator clock: <strong>${esc(world.clock.iso())}</strong> (offset ${esc(world.clock.offset)} ms).
Pending faults: ${esc(world.faults.list().map((f) => `${f.key}→${f.status}×${f.remaining}`).join(", ") || "none")}.
Subprojects API: ${s.subprojectsDisabled ? "disabled (closed beta)" : "enabled"}, warm-up ${esc(world.config.subprojectWarmupMs)} ms. Sender bearerToken: ${s.omitSenderBearerToken ? "omitted" : "returned once ACTIVE"}.</p>
<h2>JSON control routes</h2><ul>${links}</ul>
<h2>Sinch projects</h2>${table(["id", "name", "parent", "state", "access keys"], projects)}
<h2>Conversation apps</h2>${table(["id", "project", "region", "name", "mode", "credentials", "webhooks"], apps)}
<h2>WhatsApp senders</h2>${table(["id", "project", "region", "state", "WABA", "phone number id"], senders)}
<h2>Latest callback attempts</h2>${table(["at", "type", "target", "attempt", "result", "signature"], log)}
</body></html>`;
}
