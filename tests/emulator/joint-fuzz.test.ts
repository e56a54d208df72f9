import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Joint, KEY, SEED, basic, conv, msgr } from "./joint-harness";

/**
 * A few thousand random requests over the whole route list with mutated segments, bodies and
 * headers. The seed is fixed so a failure reproduces; FUZZ_SEED overrides it for exploring.
 */
const SEED_VALUE = Number(process.env.FUZZ_SEED ?? 20261121);
const REQUESTS = 3000;
const PARALLEL = 40;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = ["%", "%zz", "%E0%A4%A", "%C0%AF", "%00", "..", "%2F", "%F0%9F%98%80", "a".repeat(400), "-1", "1e309", "null", "[]", "%25%", "\u00e9"];
const FIELDS = [
  "display_name", "channel_credentials", "processing_mode", "app_id", "target", "triggers", "secret", "recipient", "message", "channel_properties",
  "callback_url", "region", "wabaId", "phoneNumberId", "metaLocalStorage", "displayName", "labels", "ms", "key", "status", "count", "channel",
  "identity", "kind", "enabled", "state", "changesStatus", "userId", "scopes", "pageIds", "instagram", "accountType", "data_access_expires_at",
  "subscribed_fields", "override_callback_uri", "access_token", "input_token", "client_id", "code", "pin", "messaging_product", "held", "assetId",
];

type Ids = Record<string, string[]>;

function value(r: () => number, depth = 0): unknown {
  const pick = Math.floor(r() * 12);
  if (depth > 3) return "x";
  switch (pick) {
    case 0: return null;
    case 1: return r() < 0.5;
    case 2: return Math.floor(r() * 2e9) - 1e9;
    case 3: return 1e308 * (r() < 0.5 ? 10 : 1);
    case 4: return NASTY[Math.floor(r() * NASTY.length)];
    case 5: return [value(r, depth + 1), value(r, depth + 1)];
    case 6: return Object.fromEntries([[FIELDS[Math.floor(r() * FIELDS.length)]!, value(r, depth + 1)]]);
    case 7: return "http://127.0.0.1:9/hook";
    case 8: return ["MESSAGE_INBOUND", "MESSAGE_DELIVERY"];
    case 9: return { channel: "MESSENGER", static_token: { token: "t" } };
    default: return "MESSENGER";
  }
}

function body(r: () => number): { text?: string; type?: string } {
  const pick = Math.floor(r() * 10);
  if (pick === 0) return {};
  if (pick === 1) return { text: "{not json", type: "application/json" };
  if (pick === 2) return { text: ["[1,2]", "null", '"s"', "42", "{\"a\":"][Math.floor(r() * 5)], type: "application/json" };
  if (pick === 3) return { text: "grant_type=client_credentials&a=%zz&&=&b", type: "application/x-www-form-urlencoded" };
  if (pick === 4) return { text: "\u0000\u00ff binary", type: ["text/plain", "application/octet-stream"][Math.floor(r() * 2)] };
  const obj: Record<string, unknown> = {};
  const n = 1 + Math.floor(r() * 6);
  for (let i = 0; i < n; i++) obj[FIELDS[Math.floor(r() * FIELDS.length)]!] = value(r);
  return { text: JSON.stringify(obj), type: r() < 0.8 ? "application/json" : undefined };
}

function segment(r: () => number, name: string, ids: Ids): string {
  if (r() < 0.2) return NASTY[Math.floor(r() * NASTY.length)]!;
  const pool = ids[name] ?? ids.any!;
  return encodeURIComponent(pool[Math.floor(r() * pool.length)]!);
}

function request(r: () => number, routes: Array<{ method: string; pattern: string }>, ids: Ids) {
  const route = routes[Math.floor(r() * routes.length)]!;
  const methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
  const method = r() < 0.8 ? route.method : methods[Math.floor(r() * methods.length)]!;
  let parts = route.pattern.split("/").filter(Boolean).map((p) => (p.startsWith(":") ? segment(r, p.slice(1), ids) : p));
  if (r() < 0.1) parts = parts.map((p) => (r() < 0.2 ? NASTY[Math.floor(r() * NASTY.length)]! : p));
  if (r() < 0.05) parts.push(segment(r, "any", ids));
  const query = r() < 0.4 ? `?${["update_mask=a,b", "pageSize=x", "pageToken=%%%", "after=%zz", `access_token=${ids.token![0]}`, "fields=id,{", "method=DELETE"][Math.floor(r() * 7)]}` : "";
  const b = body(r);
  const headers: Record<string, string> = {};
  if (b.type) headers["content-type"] = b.type;
  const auth = r();
  if (auth < 0.6) headers.authorization = basic();
  else if (auth < 0.7) headers.authorization = "Bearer garbage.garbage.garbage";
  else if (auth < 0.8) headers.authorization = "Basic %%%";
  return { method, path: "/" + parts.join("/") + query, headers, body: method === "GET" || method === "OPTIONS" ? undefined : b.text };
}

/** 5xx are allowed only where faults were injected on purpose. */
const INJECTED = [/^\/sinch\/conversation\/[^/]+\/v1\/projects\/[^/]+\/apps$/, /^\/graph(\/v\d+\.0)?\/me$/];

let j: Joint;
beforeAll(async () => {
  j = await Joint.start();
});
afterAll(() => j.close());

describe("fuzz: random requests against the full emulator", () => {
  it(`${REQUESTS} requests (seed ${SEED_VALUE}): no 5xx except injected faults, no crash, still answers`, async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const token = await j.pageToken(SEED.pages.bakery);
      const app = await j.createApp([msgr(token)]);
      const hook = await j.addWebhook(app.id, "http://127.0.0.1:9/fuzz");
      const sender = await j.sender(SEED.phones.good);
      await j.control("POST", "/_emulator/faults", { key: "sinch.apps.list", status: 500, count: 5 });
      await j.control("POST", "/_emulator/faults", { key: "meta.me", status: 503, count: 5 });
      const ids: Ids = {
        region: ["eu", "us", "br", "xx"], projectId: [KEY.projectId, "other"], parentProjectId: [KEY.projectId], appId: [app.id, "nope"],
        webhookId: [hook.id], senderId: [sender.id], channel: ["MESSENGER", "instagram", "SMS"], token: [token], userId: [SEED.user],
        pageId: Object.values(SEED.pages), igId: Object.values(SEED.instagram), assetId: [SEED.pages.bakery, SEED.wabas.bakery],
        id: Object.values(SEED.phones), businessId: [SEED.businesses.acmeGroup], subprojectId: ["nope"],
        s0: ["v22.0", "v1.0", "me", "oauth", "debug_token", SEED.pages.bakery, SEED.wabas.bakery, SEED.phones.good],
        s1: ["me", "access_token", "accounts", "permissions", "subscribed_apps", "phone_numbers", "register", "owned_pages", SEED.pages.bakery],
        s2: ["accounts", "subscribed_apps", "businesses", "register"],
        any: ["x", app.id, SEED.pages.bakery, "me", "0"],
      };
      const r = rng(SEED_VALUE);
      const reqs = Array.from({ length: REQUESTS }, () => request(r, j.emu.routes, ids));
      const bad: string[] = [];
      let injected = 0;
      const byClass: Record<string, number> = {};
      for (let i = 0; i < reqs.length; i += PARALLEL) {
        await Promise.all(
          reqs.slice(i, i + PARALLEL).map(async (q) => {
            const res = await fetch(j.url + q.path, { method: q.method, headers: q.headers, body: q.body, signal: AbortSignal.timeout(10_000) });
            const text = await res.text();
            byClass[`${Math.floor(res.status / 100)}xx`] = (byClass[`${Math.floor(res.status / 100)}xx`] ?? 0) + 1;
            if (res.status < 500) return;
            const path = q.path.split("?")[0]!;
            if (q.method === "GET" && INJECTED.some((re) => re.test(path))) injected += 1;
            else bad.push(`${q.method} ${q.path} → ${res.status} ${text.slice(0, 200)}`);
          }),
        );
      }
      expect(bad).toEqual([]);
      // The mutations must still reach handlers often enough to mean something.
      expect(byClass["2xx"] ?? 0, JSON.stringify(byClass)).toBeGreaterThan(REQUESTS / 20);
      expect(injected).toBeLessThanOrEqual(10);
      expect(errors.mock.calls.filter((c) => String(c[0]).includes("unhandled"))).toEqual([]);
      expect((await j.call("GET", "/_emulator/clock", undefined, null)).status).toBe(200);
      await j.control("POST", "/_emulator/reset");
      expect((await j.call("GET", `${conv("eu")}/apps`)).status).toBe(200);
    } finally {
      errors.mockRestore();
    }
  }, 120_000);
});
