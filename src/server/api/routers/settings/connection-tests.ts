import type { Db } from "@/server/db/client";
import { IntegrationError } from "@/server/integrations/errors";
import { audit, type Actor } from "@/server/services/audit";
import { getSettings } from "@/server/services/settings";
import { metaGraphFor, sinchGatewayFor } from "@/server/services/sinch-client";

export const TEST_TARGETS = ["sinch", "meta", "publicUrl"] as const;
export type TestTarget = (typeof TEST_TARGETS)[number];
export interface TestResult {
  ok: boolean;
  message: string;
  code: string | null;
}

const failed = (err: unknown): TestResult =>
  err instanceof IntegrationError ? { ok: false, message: err.userMessage, code: err.code } : { ok: false, message: "The test failed unexpectedly.", code: "unknown" };

/** Sinch: fetch a token with the parent key (catalogue S14), then see whether Subprojects is on (S16). */
async function testSinch(db: Db): Promise<TestResult> {
  const gateway = await sinchGatewayFor(db);
  try {
    await gateway.testCredentials();
  } catch (err) {
    return failed(err);
  }
  try {
    await gateway.subprojects.list();
    return { ok: true, message: "Access key accepted. The Subprojects API is enabled for this account.", code: null };
  } catch (err) {
    if (err instanceof IntegrationError && err.code === "subprojects_not_enabled") {
      return { ok: true, message: "Access key accepted, but Subprojects is not enabled: new customers need a project made in the Sinch dashboard.", code: err.code };
    }
    return failed(err);
  }
}

/**
 * Meta: `debug_token` authenticates with the app token, so an answer at all means the app id and
 * secret were accepted (a wrong pair is a 190, mapped to `unauthorized`).
 */
async function testMeta(db: Db): Promise<TestResult> {
  const s = await getSettings(db, ["meta.appId", "meta.appSecret"]);
  try {
    const info = await (await metaGraphFor(db)).debugToken(`${s["meta.appId"]}|${s["meta.appSecret"]}`);
    if (info.appId && info.appId !== s["meta.appId"]) return { ok: false, message: "Meta answered for a different app id.", code: "app_mismatch" };
    return { ok: true, message: `Meta accepted the app id and secret for app ${s["meta.appId"]}.`, code: null };
  } catch (err) {
    return failed(err);
  }
}

/** The public URL must answer, because Sinch posts callbacks to it. */
async function testPublicUrl(db: Db): Promise<TestResult> {
  const url = (await getSettings(db, ["portal.publicUrl"]))["portal.publicUrl"];
  try {
    const res = await fetch(url, { method: "GET", redirect: "manual", signal: AbortSignal.timeout(5000) });
    const note = url.startsWith("https://") ? "" : " It is not https: live Sinch callbacks need a public https address.";
    return { ok: true, message: `The portal answered at ${url} (HTTP ${res.status}).${note}`, code: null };
  } catch {
    return { ok: false, message: `Nothing answered at ${url}. Sinch callbacks would not arrive.`, code: "unreachable" };
  }
}

export async function runSettingsTest(db: Db, actor: Actor, target: TestTarget): Promise<TestResult> {
  const result = target === "sinch" ? await testSinch(db) : target === "meta" ? await testMeta(db) : await testPublicUrl(db);
  await audit(db, { actor, action: "settings.tested", target: { type: "settings", id: target }, metadata: { target, ok: result.ok, result: result.code } });
  return result;
}
