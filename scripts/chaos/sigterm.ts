import { randomBytes } from "node:crypto";
import type postgres from "postgres";
import { signSinchPayload } from "../../src/server/webhooks/sinch/verify";
import { emulatorControl, type PortalClient } from "./portal-client";
import { exited, sleep, type Started as Proc } from "../lib/processes";

interface Input {
  portal: Proc;
  restart: () => Promise<Proc>;
  baseURL: string;
  appId: string;
  emulatorURL: string;
  client: PortalClient;
  sql: postgres.Sql;
  customerId: string;
}

/**
 * SIGTERM to the portal's main process (what Docker or systemd send) while 100 callbacks are in
 * flight and invite emails are queued: every request already sent must get an answer, and after a
 * restart no queued job is left behind.
 */
export async function gracefulShutdown(input: Input) {
  const { webhooks } = await emulatorControl<{ webhooks: Array<{ secret?: string }> }>(input.emulatorURL, "GET", `/_emulator/sinch/apps/${input.appId}/webhooks`);
  const secret = webhooks.find((w) => w.secret)!.secret!;
  const grants: string[] = [];
  for (let i = 0; i < 10; i++) {
    const grant = await input.client.mutation<{ id: string }>("access.invite", { customerId: input.customerId, email: `guest${i}@chaos.test`, channels: ["INSTAGRAM"] });
    grants.push(grant.id);
  }
  const send = async (i: number) => {
    const at = new Date().toISOString();
    const body = JSON.stringify({ app_id: input.appId, accepted_time: at, event_time: at, project_id: "p", message: { id: `SIGTERM${i}${randomBytes(4).toString("hex")}`, direction: "TO_APP", contact_message: { text_message: { text: `in flight ${i}` } }, channel_identity: { channel: "INSTAGRAM", identity: "IG-SIGTERM", app_id: input.appId }, conversation_id: "CONV-SIGTERM", contact_id: "C-SIGTERM", metadata: "", accept_time: at } });
    const nonce = `01SIGTERM${i}${randomBytes(6).toString("hex").toUpperCase()}`;
    const ts = String(Math.floor(Date.now() / 1000));
    try {
      const res = await fetch(`${input.baseURL}/api/webhooks/sinch/${input.appId}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-sinch-webhook-signature": signSinchPayload(body, secret, nonce, ts), "x-sinch-webhook-signature-nonce": nonce, "x-sinch-webhook-signature-timestamp": ts, "x-sinch-webhook-signature-algorithm": "HmacSHA256" },
        body,
        signal: AbortSignal.timeout(30_000),
      });
      return String(res.status);
    } catch (err) {
      return `error: ${(err as Error).cause ? ((err as Error).cause as Error).message : (err as Error).message}`;
    }
  };
  const inFlight = Array.from({ length: 100 }, (_, i) => send(i));
  await sleep(30);
  const termAt = Date.now();
  process.kill(input.portal.child.pid!, "SIGTERM");
  const answers = await Promise.all(inFlight);
  const exitedCleanly = await exited(input.portal, 30_000);
  const shutdownMs = Date.now() - termAt;
  const outcomes = answers.reduce<Record<string, number>>((acc, a) => ((acc[a] = (acc[a] ?? 0) + 1), acc), {});
  await input.restart();
  const deadline = Date.now() + 60_000;
  let pending = grants.length;
  while (Date.now() < deadline) {
    const [row] = await input.sql<{ n: number }[]>`select count(*)::int as n from outbound_emails where grant_id = any(${grants}::uuid[]) and status = 'pending'`;
    pending = row!.n;
    if (pending === 0) break;
    await sleep(1_000);
  }
  const cutOff = answers.filter((a) => a.startsWith("error")).length;
  return {
    inFlightRequests: answers.length,
    outcomes,
    cutOff,
    exitedWithinSeconds: exitedCleanly ? Math.round(shutdownMs / 100) / 10 : null,
    queuedEmailsStillPendingAfterRestart: pending,
    failures: [cutOff > 0 && `${cutOff} in-flight requests cut off by SIGTERM`, !exitedCleanly && "portal did not exit within 30 s of SIGTERM", pending > 0 && `${pending} queued email jobs never ran after the restart`].filter((f): f is string => !!f),
  };
}
