import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { linkFromOutbox, metaWorld, readyCustomer } from "./channels-support";
import { appIdOf, connectAsStaff, emulatorApp, openLoginAs, sinchCall } from "./diagnostics-support";

const tag = () => randomBytes(3).toString("hex");
const ALL_TRIGGERS = ["MESSAGE_INBOUND", "MESSAGE_DELIVERY", "EVENT_INBOUND", "EVENT_DELIVERY", "CONVERSATION_START", "CONVERSATION_STOP", "UNSUPPORTED", "CHANNEL_EVENT"];

async function runDiagnosis(page: Page) {
  await page.getByRole("button", { name: "Run diagnosis" }).first().click();
  await expect(page.getByText(/Diagnosis finished/)).toBeVisible({ timeout: 30_000 });
}

const check = (page: Page, id: string) => page.locator(`[data-check="${id}"]`);

test.describe("troubleshooting", () => {
  test("token invalidated → broken → staff send a reconnect link → the customer reconnects → healthy", async ({ adminPage, browser, e2e }) => {
    test.setTimeout(180_000);
    const t = tag();
    const world = await metaWorld(e2e.emulatorURL, t);
    const { customerId, businessName } = await readyCustomer(adminPage.request, t);
    await connectAsStaff(adminPage.request, e2e.emulatorURL, { customerId, channel: "MESSENGER", userId: world.user.id, pageId: world.outlet.id });

    await fetch(`${e2e.emulatorURL}/_emulator/meta/users/${world.user.id}/password-change`, { method: "POST" });
    await adminPage.goto(`/troubleshooting/${customerId}/messenger`);
    await runDiagnosis(adminPage);
    await expect(adminPage.getByRole("heading", { level: 1 })).toContainText(businessName);
    const token = check(adminPage, "meta.token");
    await expect(token).toContainText("Fail");
    await expect(token).toContainText("Customer");
    await expect(token.getByRole("link", { name: "190/460" })).toHaveAttribute("href", "/troubleshooting/catalogue?q=190%2F460");
    await expect(adminPage.getByText("Broken").first()).toBeVisible();

    await token.getByRole("button", { name: "Send reconnect link" }).click();
    const confirm = adminPage.getByRole("dialog", { name: "Send reconnect link?" });
    await confirm.getByRole("button", { name: "Send reconnect link" }).click();
    await expect(adminPage.getByText(/Sent a reconnect link for messenger/)).toBeVisible();

    // The overview lists the channel as broken with the customer as owner.
    await adminPage.goto("/troubleshooting");
    const row = adminPage.getByRole("row").filter({ hasText: businessName });
    await expect(row).toContainText("Broken");
    await expect(row).toContainText("Customer");

    const link = await linkFromOutbox(adminPage, `cora-${t}@e2e.test`);
    const context = await browser.newContext({ baseURL: e2e.baseURL });
    const customer = await context.newPage();
    await customer.goto(link);
    await expect(customer).toHaveURL(/\/portal$/);
    await customer.goto("/portal/connect/messenger");
    await customer.getByRole("button", { name: "Continue", exact: true }).click();
    const popup = await openLoginAs(customer, "Continue with Facebook", world.user.id, world.outlet.name);
    await popup.getByRole("button", { name: "Continue" }).click();
    await customer.getByRole("radio", { name: new RegExp(world.outlet.name) }).check();
    await customer.getByRole("button", { name: "Continue", exact: true }).click();
    await customer.getByRole("button", { name: "Connect Messenger" }).click();
    // Messenger was all this reconnect link asked for: the access ends in the same step that makes it
    // active, and the customer's page says which channel finished it and that nothing more is needed.
    await expect(customer.getByTestId("access-ended")).toHaveText("All done: access ended", { timeout: 30_000 });
    const done = customer.getByTestId("access-ended-detail");
    await expect(done).toContainText("Messenger is active");
    await expect(done).toContainText("Nothing more is needed");
    await expect(customer).toHaveURL(/\/portal\/connect\/messenger$/);
    await context.close();

    await adminPage.goto(`/troubleshooting/${customerId}/messenger`);
    await runDiagnosis(adminPage);
    await expect(adminPage.getByText("Everything checks out")).toBeVisible();
    await expect(check(adminPage, "meta.token")).toContainText("Pass");
  });

  test("a webhook with missing triggers → Repair webhook fixes it in the emulator", async ({ adminPage, e2e }) => {
    test.setTimeout(120_000);
    const t = tag();
    const { customerId } = await readyCustomer(adminPage.request, t);
    const appId = await appIdOf(adminPage.request, customerId);
    const app = await emulatorApp(e2e.emulatorURL, appId);
    const hook = app.webhooks[0]!;
    await sinchCall(e2e.emulatorURL, "PATCH", `/sinch/conversation/${app.region}/v1/projects/${app.project_id}/webhooks/${hook.id}?update_mask=triggers`, { app_id: hook.app_id, target: hook.target, triggers: ["MESSAGE_INBOUND"] });

    await adminPage.goto(`/troubleshooting/${customerId}/messenger`);
    await runDiagnosis(adminPage);
    const webhook = check(adminPage, "sinch.webhook");
    await expect(webhook).toContainText("Fail");
    await expect(webhook).toContainText("MESSAGE_DELIVERY");
    await expect(webhook).toContainText("Reseller staff");
    await webhook.getByRole("button", { name: "Repair webhook" }).click();
    await expect(adminPage.getByText(/Added the missing triggers/)).toBeVisible({ timeout: 30_000 });
    await expect(check(adminPage, "sinch.webhook")).toContainText("Pass");
    const repaired = (await emulatorApp(e2e.emulatorURL, appId)).webhooks.find((w) => w.id === hook.id)!;
    expect([...repaired.triggers].sort()).toEqual([...ALL_TRIGGERS].sort());
  });

  test("Instagram \"Allow access to messages\" off → the customer is told the exact setting", async ({ adminPage, e2e }) => {
    test.setTimeout(150_000);
    const t = tag();
    const world = await metaWorld(e2e.emulatorURL, t);
    const { customerId } = await readyCustomer(adminPage.request, t);
    const page = (await (await fetch(`${e2e.emulatorURL}/_emulator/meta/state`)).json()) as { pages: Array<{ id: string; igId?: string }> };
    const igId = page.pages.find((p) => p.id === world.bakery.id)!.igId!;
    await connectAsStaff(adminPage.request, e2e.emulatorURL, { customerId, channel: "INSTAGRAM", userId: world.user.id, pageId: world.bakery.id, igId });
    const appId = await appIdOf(adminPage.request, customerId);
    const app = await emulatorApp(e2e.emulatorURL, appId);
    const contact = await (
      await fetch(`${e2e.emulatorURL}/_emulator/sinch/apps/${appId}/inbound`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ channel: "INSTAGRAM", identity: `ig-${t}`, kind: "text", text: "Hello?" }) })
    ).json();
    await fetch(`${e2e.emulatorURL}/_emulator/meta/instagram/${igId}/allow-access`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ enabled: false }) });
    await sinchCall(e2e.emulatorURL, "POST", `/sinch/conversation/${app.region}/v1/projects/${app.project_id}/messages:send`, {
      app_id: appId,
      recipient: { contact_id: (contact as { contactId: string }).contactId },
      message: { text_message: { text: "We have it in blue." } },
    });

    const setting = "Settings and privacy → Messages and story replies → Message controls → Connected tools → Allow access to messages";
    await adminPage.goto(`/troubleshooting/${customerId}/instagram`);
    await expect
      .poll(async () => {
        await runDiagnosis(adminPage);
        return adminPage.locator('[data-check="sinch.delivery"]').textContent();
      }, { timeout: 45_000 })
      .toContain(setting);
    const delivery = check(adminPage, "sinch.delivery");
    await expect(delivery).toContainText("Customer");
    await expect(delivery.getByRole("link", { name: "200/2534041" })).toBeVisible();

    await adminPage.goto("/outbox");
    await adminPage.getByTestId(`outbox-row-cora-${t}@e2e.test`).first().getByRole("button", { name: /^Read the email/ }).click();
    await expect(adminPage.getByTestId("outbox-body")).toContainText(setting);
  });
});
