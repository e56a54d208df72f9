import { randomBytes } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { trpcMutation } from "./fixtures";
import type { E2EState } from "./support/state";

const root = path.resolve(import.meta.dirname, "../..");

export async function trpcQuery<T>(request: APIRequestContext, procedure: string, input?: unknown): Promise<T> {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const res = await request.get(`/api/trpc/${procedure}${query}`);
  const body = (await res.json()) as { result?: { data: { json: T } } };
  if (!res.ok() || !body.result) throw new Error(`${procedure} failed (${res.status()})`);
  return body.result.data.json;
}

export async function control<T>(emulatorURL: string, method: string, pathname: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emulatorURL}${pathname}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${pathname} → ${res.status}`);
  return (await res.json()) as T;
}

/**
 * Every page route of the app, read from src/app (route groups removed), so a new page is crawled
 * without anyone remembering to add it here.
 */
export function pageRoutes(): string[] {
  const out: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name.startsWith("_") || name.startsWith("@")) continue;
        walk(full, /^\(.*\)$/.test(name) ? segments : [...segments, name]);
      } else if (name === "page.tsx" || name === "page.ts") {
        out.push(`/${segments.join("/")}`);
      }
    }
  };
  walk(path.join(root, "src/app"), []);
  return out.sort();
}

/** Fills `[param]` segments; an unknown parameter fails loudly so the crawl never skips a page. */
export function concretePath(route: string, params: Record<string, string>): string {
  return route.replace(/\[([^\]]+)\]/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`crawl: no value for [${name}] in ${route}; add one to the proof crawl parameters`);
    return encodeURIComponent(value);
  });
}

export interface ProofCustomer {
  customerId: string;
  appId: string;
  businessName: string;
  webhookSecret: string;
  linkToken: string;
  messageText: string;
}

export const canaryOf = (owner: string, kind: string) => `cnry-${owner}-${kind}-${randomBytes(5).toString("hex")}`;

/** A ready customer made through the app (setup against the emulator), invited, with one inbound message. */
export async function proofCustomer(admin: APIRequestContext, e2e: E2EState, owner: string): Promise<ProofCustomer> {
  const businessName = `Proof ${canaryOf(owner, "business")}`;
  const { customerId } = await trpcMutation<{ customerId: string }>(admin, "customers.create", {
    businessName,
    contactName: `Contact ${owner}`,
    contactEmail: `${canaryOf(owner, "mail")}@e2e.test`,
    region: "eu",
    projectMode: "subproject",
  });
  await trpcMutation(admin, "customers.runSetup", { customerId });
  const detail = await trpcQuery<{ app: { appId: string } | null }>(admin, "customers.get", { customerId });
  const appId = detail.app!.appId;
  const { webhooks } = await control<{ webhooks: Array<{ secret?: string }> }>(e2e.emulatorURL, "GET", `/_emulator/sinch/apps/${appId}/webhooks`);
  await trpcMutation(admin, "access.invite", { customerId, email: `${canaryOf(owner, "guest")}@e2e.test`, channels: ["MESSENGER", "INSTAGRAM", "WHATSAPP"] });
  const { rows } = await trpcQuery<{ rows: Array<{ id: string; customerId: string | null }> }>(admin, "outbox.list", { pageSize: 100 });
  const email = rows.find((r) => r.customerId === customerId);
  const { body } = await trpcQuery<{ body: string }>(admin, "outbox.get", { id: email!.id });
  const linkToken = /\/access\/([A-Za-z0-9_-]{43})/.exec(body)![1]!;
  const messageText = canaryOf(owner, "message");
  await control(e2e.emulatorURL, "POST", `/_emulator/sinch/apps/${appId}/inbound`, { channel: "INSTAGRAM", identity: `IG-${owner}`, kind: "text", text: messageText, force: true });
  return { customerId, appId, businessName, webhookSecret: webhooks.find((w) => w.secret)?.secret ?? "", linkToken, messageText };
}

/** A browser context holding a live customer session, opened through the invite link like a customer. */
export async function customerContext(browser: Browser, baseURL: string, customer: ProofCustomer): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto(`/access/${customer.linkToken}`);
  await page.waitForURL((url) => url.pathname.startsWith("/portal"));
  await page.close();
  return context;
}

export interface Traffic {
  /** Response bodies and headers (except the page's own Set-Cookie), and request URLs and bodies. */
  texts: string[];
  documents: Array<{ url: string; status: number; headers: Record<string, string> }>;
}

const TEXTUAL = /json|javascript|text|html|x-component|xml|rsc/;

/** Records everything the browser receives and sends (besides its own Cookie header) on a page. */
export function recordTraffic(page: Page): { traffic: Traffic; settle: () => Promise<void> } {
  const traffic: Traffic = { texts: [], documents: [] };
  const pending: Array<Promise<void>> = [];
  page.on("request", (req) => {
    traffic.texts.push(req.url());
    const body = req.postData();
    if (body) traffic.texts.push(body);
  });
  page.on("response", (res) => {
    pending.push(
      (async () => {
        const headers = await res.allHeaders().catch(() => ({}) as Record<string, string>);
        const { "set-cookie": _own, ...rest } = headers;
        traffic.texts.push(JSON.stringify(rest));
        if (res.request().resourceType() === "document") traffic.documents.push({ url: res.url(), status: res.status(), headers });
        if (TEXTUAL.test(headers["content-type"] ?? "")) traffic.texts.push(await res.text().catch(() => ""));
      })(),
    );
  });
  return { traffic, settle: async () => void (await Promise.all(pending)) };
}

/** localStorage, sessionStorage and the script-visible cookies of the page. */
export async function storageOf(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }));
}
