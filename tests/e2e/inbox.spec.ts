import { randomBytes } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { signSinchPayload } from "@/server/webhooks/sinch/verify";
import { expect, test, trpcMutation } from "./fixtures";

async function trpcQuery<T>(request: APIRequestContext, procedure: string, input: unknown): Promise<T> {
  const res = await request.get(`/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  const body = (await res.json()) as { result?: { data: { json: T } } };
  if (!res.ok() || !body.result) throw new Error(`${procedure} failed (${res.status()})`);
  return body.result.data.json;
}

async function control<T>(emulatorURL: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emulatorURL}${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}`);
  return (await res.json()) as T;
}

// Seeded in the emulator: Acme Bakery and its linked Instagram professional account.
const BAKERY_PAGE = "2000100001";
const BAKERY_IG = "17841000100001";

/**
 * The customer's Instagram channel, already connected (the connection flows have their own e2e):
 * a Page token minted at Meta, set on the app through Sinch's API, then ACTIVE.
 */
async function connectInstagram(emulatorURL: string, projectId: string, appId: string) {
  const minted = await control<{ page_tokens: Record<string, string> }>(emulatorURL, "POST", "/_emulator/meta/tokens", { channel: "instagram", pageIds: [BAKERY_PAGE] });
  const res = await fetch(`${emulatorURL}/sinch/conversation/eu/v1/projects/${projectId}/apps/${appId}`, {
    method: "PATCH",
    headers: { authorization: `Basic ${Buffer.from("emu-key-id:emu-key-secret").toString("base64")}`, "content-type": "application/json" },
    body: JSON.stringify({ channel_credentials: [{ channel: "INSTAGRAM", instagram_credentials: { token: minted.page_tokens[BAKERY_PAGE], business_account_id: BAKERY_IG } }] }),
  });
  expect(res.ok).toBe(true);
  await expect
    .poll(async () => {
      const { apps } = await control<{ apps: Array<{ id: string; channel_credentials?: Array<{ state?: { status: string } }> }> }>(emulatorURL, "GET", "/_emulator/sinch/apps");
      return apps.find((a) => a.id === appId)?.channel_credentials?.[0]?.state?.status;
    }, { timeout: 15_000 })
    .toBe("ACTIVE");
}

test.describe("inbox", () => {
  test("a contact message appears live, staff reply, the reply follows its reports, and a closed window explains itself", async ({ adminPage: page, e2e }) => {
    const name = `E2E Inbox ${Date.now()}`;
    const { customerId } = await trpcMutation<{ customerId: string }>(page.request, "customers.create", { businessName: name, contactName: "Ivy", contactEmail: `ivy-${Date.now()}@e2e.test`, region: "eu", projectMode: "subproject" });
    await trpcMutation(page.request, "customers.runSetup", { customerId });
    const detail = await trpcQuery<{ app: { appId: string } | null; project: { projectId: string } | null }>(page.request, "customers.get", { customerId });
    const appId = detail.app!.appId;
    await connectInstagram(e2e.emulatorURL, detail.project!.projectId, appId);

    await page.goto(`/inbox?customer=${customerId}`);
    await expect(page.getByRole("heading", { name: "No conversations yet" })).toBeVisible();

    // The contact writes; the open inbox shows it within 2 s, without a reload.
    await control(e2e.emulatorURL, "POST", `/_emulator/sinch/apps/${appId}/inbound`, { channel: "INSTAGRAM", identity: "IG-E2E-1", kind: "text", text: "Is the blue one in stock?", force: true });
    const started = Date.now();
    const row = page.getByTestId("conversation").filter({ hasText: "Is the blue one in stock?" });
    await expect(row).toBeVisible({ timeout: 2_000 });
    expect(Date.now() - started).toBeLessThan(2_000);

    await row.click();
    await expect(page.getByTestId("message").filter({ hasText: "Is the blue one in stock?" })).toBeVisible();
    await page.getByRole("textbox", { name: "Reply" }).fill("Yes, in every size.");
    await page.getByRole("button", { name: "Send" }).click();
    const reply = page.getByTestId("message").filter({ hasText: "Yes, in every size." });
    await expect(reply).toBeVisible();
    // The ticks follow the delivery reports to a final state; the reason is on focus, not only hover.
    const ticks = reply.getByRole("button", { name: /Delivery status/ });
    await expect(ticks).toHaveAttribute("data-status", "READ", { timeout: 15_000 });
    await ticks.focus();
    await expect(page.getByRole("tooltip").filter({ hasText: /Read|CHANNEL_|Failed/ })).toBeVisible();

    // A contact who last wrote two days ago: the window is closed and the composer says why.
    const apps = await control<{ apps: Array<{ id: string; webhooks: Array<{ secret?: string }> }> }>(e2e.emulatorURL, "GET", "/_emulator/sinch/apps");
    const secret = apps.apps.find((a) => a.id === appId)!.webhooks[0]!.secret!;
    const old = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const body = JSON.stringify({ app_id: appId, accepted_time: old, event_time: old, project_id: "p", message: { id: `OLD-${randomBytes(4).toString("hex")}`, direction: "TO_APP", contact_message: { text_message: { text: "Anyone there?" } }, channel_identity: { channel: "INSTAGRAM", identity: "IG-E2E-OLD", app_id: appId }, conversation_id: `CONV-OLD-${Date.now()}`, contact_id: "C-OLD", metadata: "", accept_time: old } });
    const nonce = randomBytes(12).toString("hex");
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await page.request.post(`/api/webhooks/sinch/${appId}`, { data: body, headers: { "content-type": "application/json", "x-sinch-webhook-signature": signSinchPayload(body, secret, nonce, ts), "x-sinch-webhook-signature-nonce": nonce, "x-sinch-webhook-signature-timestamp": ts, "x-sinch-webhook-signature-algorithm": "HmacSHA256" } });
    expect(res.status()).toBe(200);
    await page.getByTestId("conversation").filter({ hasText: "Anyone there?" }).click();
    await expect(page.getByTestId("window-closed")).toContainText("Wait for the contact to write again");
  });
});
