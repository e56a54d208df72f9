import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { trpcMutation } from "./fixtures";

export async function trpcQuery<T>(request: APIRequestContext, procedure: string, input: unknown): Promise<T> {
  const res = await request.get(`/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  const body = (await res.json()) as { result?: { data: { json: T } } };
  if (!body.result) throw new Error(`${procedure} failed (${res.status()})`);
  return body.result.data.json;
}

const SCOPES = {
  MESSENGER: ["pages_messaging", "pages_manage_metadata", "pages_show_list", "pages_read_engagement", "business_management"],
  INSTAGRAM: ["instagram_basic", "instagram_manage_messages", "pages_manage_metadata", "pages_show_list", "pages_read_engagement", "business_management"],
};

/** Staff connect a Page channel through the wizard's API, logging in with the emulator dialog's JSON mode. */
export async function connectAsStaff(request: APIRequestContext, emulatorURL: string, opts: { customerId: string; channel: "MESSENGER" | "INSTAGRAM"; userId: string; pageId: string; igId?: string }) {
  const { customerId, channel } = opts;
  await trpcMutation(request, "channels.begin", { customerId, channel, tokenType: "user" });
  const form = new URLSearchParams({ client_id: "100000000000001", origin: "http://portal.e2e", response_type: "code", cbid: "cb", user_id: opts.userId, config_id: `emu-config-${channel.toLowerCase()}`, action: "continue" });
  for (const p of SCOPES[channel]) form.append("perm", p);
  form.append("page", opts.pageId);
  if (opts.igId) form.append("ig", opts.igId);
  const res = await fetch(`${emulatorURL}/meta/dialog/oauth`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, body: form.toString() });
  const { code } = (await res.json()) as { code: string };
  const login = await trpcMutation<{ status: string; sessionId: string }>(request, "channels.completeLogin", { customerId, channel, code });
  await trpcMutation(request, "channels.selectPage", { customerId, channel, sessionId: login.sessionId, pageId: opts.pageId });
  await trpcMutation(request, "channels.connect", { customerId, channel, sessionId: login.sessionId });
  await expect
    .poll(async () => (await trpcQuery<{ connection: { state: string } }>(request, "channels.get", { customerId, channel })).connection.state, { timeout: 30_000 })
    .toBe("active");
}

export async function appIdOf(request: APIRequestContext, customerId: string): Promise<string> {
  const customer = await trpcQuery<{ app: { appId: string } | null }>(request, "customers.get", { customerId });
  return customer.app!.appId;
}

const BASIC = `Basic ${Buffer.from("emu-key-id:emu-key-secret").toString("base64")}`;

/** Calls the emulated Sinch API directly, as another tool or a person in the Sinch dashboard would. */
export async function sinchCall(emulatorURL: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${emulatorURL}${path}`, { method, headers: { authorization: BASIC, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

export async function emulatorApp(emulatorURL: string, appId: string) {
  const { apps } = (await (await fetch(`${emulatorURL}/_emulator/sinch/apps`)).json()) as { apps: Array<{ id: string; project_id: string; region: string; webhooks: Array<{ id: string; app_id: string; target: string; triggers: string[] }> }> };
  return apps.find((a) => a.id === appId)!;
}

/**
 * Opens the emulated login dialog from a click and shows it for `userId` (the same navigation its
 * "Log in as" picker makes), then waits for one of that user's assets.
 */
export async function openLoginAs(page: Page, button: string, userId: string, marker: string): Promise<Page> {
  const [popup] = await Promise.all([page.waitForEvent("popup"), page.getByRole("button", { name: button }).click()]);
  await popup.waitForLoadState();
  const url = new URL(popup.url());
  url.searchParams.set("user_id", userId);
  await popup.goto(url.toString());
  await expect(popup.getByText(marker).first()).toBeVisible();
  return popup;
}
