import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test, trpcMutation } from "./fixtures";
import { issuedTokens, linkFromOutbox, metaWorld, openDialog, readyCustomer } from "./channels-support";

const tag = () => randomBytes(3).toString("hex");

test.describe("guided channel connection", () => {
  test("customer through an invite: Messenger, Instagram and WhatsApp reach ACTIVE, then the access ends by itself", async ({ adminPage, browser, e2e }) => {
    test.setTimeout(180_000);
    const t = tag();
    const world = await metaWorld(e2e.emulatorURL, t);
    const { customerId } = await readyCustomer(adminPage.request, t);
    const email = `guest-${t}@e2e.test`;
    await trpcMutation(adminPage.request, "access.invite", { customerId, email, channels: ["MESSENGER", "INSTAGRAM", "WHATSAPP"], autoRevokeOnActive: true });
    const link = await linkFromOutbox(adminPage, email);

    const context = await browser.newContext({ baseURL: e2e.baseURL });
    const customer = await context.newPage();
    const html: string[] = [];
    const snapshot = async (p: Page) => void html.push(await p.content());
    await customer.goto(link);
    await expect(customer).toHaveURL(/\/portal$/);

    // Messenger: every click outside the emulator's own dialog is counted.
    let interactions = 0;
    const act = async (fn: () => Promise<unknown>) => {
      interactions++;
      await fn();
    };
    await customer.goto("/portal/connect/messenger");
    await expect(customer.getByRole("radio", { name: /User access token/ })).toBeChecked();
    await act(() => customer.getByRole("button", { name: "Continue", exact: true }).click());
    interactions++;
    const popup = await openDialog(customer, "Continue with Facebook", world.user.name, world.outlet.name);
    await popup.getByRole("button", { name: "Continue" }).click();
    await act(() => customer.getByRole("radio", { name: new RegExp(world.outlet.name) }).check());
    await snapshot(customer);
    await act(() => customer.getByRole("button", { name: "Continue", exact: true }).click());
    await expect(customer.getByText("Send and receive messages as your Page")).toBeVisible();
    await act(() => customer.getByRole("button", { name: "Connect Messenger" }).click());
    await expect(customer.getByRole("status").filter({ hasText: "Messenger is active." })).toBeVisible({ timeout: 30_000 });
    expect(interactions).toBeLessThanOrEqual(6);
    await snapshot(customer);

    // Instagram via the Page that has a professional account linked.
    await customer.goto("/portal/connect/instagram");
    await customer.getByRole("button", { name: "Continue", exact: true }).click();
    const igPopup = await openDialog(customer, "Continue with Facebook", world.user.name, world.bakery.name);
    await igPopup.getByRole("button", { name: "Continue" }).click();
    await customer.getByRole("radio", { name: new RegExp(world.bakery.name) }).check();
    await customer.getByRole("button", { name: "Continue", exact: true }).click();
    await customer.getByRole("button", { name: "Connect Instagram" }).click();
    await expect(customer.getByRole("status").filter({ hasText: "Instagram is active." })).toBeVisible({ timeout: 30_000 });
    await expect(customer.getByText(/Allow access to messages/)).toBeVisible();
    await snapshot(customer);

    // WhatsApp: region, then Meta's Embedded Signup (joining the Multi-Partner Solution); Sinch hands the
    // sender's bearer token over once ACTIVE, so no staff step. Counted like Messenger; the staff page
    // (adminPage) is not touched until WhatsApp is active.
    interactions = 0;
    await customer.goto("/portal/connect/whatsapp");
    await act(() => customer.getByRole("button", { name: "Continue", exact: true }).click());
    interactions++;
    const es = await openDialog(customer, "Start WhatsApp signup", world.user.name, world.waba.name);
    await es.getByRole("button", { name: "Finish" }).click();
    // The customer's page goes live; the access may end on that very poll, and the page then reloads
    // into the frame's ended page, which names the channel.
    await expect(customer.getByText(/WhatsApp is active\.|Your access has ended|All done: access ended/).first()).toBeVisible({ timeout: 45_000 });
    expect(interactions).toBeLessThanOrEqual(6);
    await snapshot(customer);
    const got = await adminPage.request.get(`/api/trpc/channels.get?input=${encodeURIComponent(JSON.stringify({ json: { customerId, channel: "WHATSAPP" } }))}`);
    const connection = ((await got.json()) as { result: { data: { json: { connection: { senderId: string; state: string } } } } }).result.data.json.connection;
    expect(connection.state).toBe("active");
    const { token: senderToken } = (await (await fetch(`${e2e.emulatorURL}/_emulator/sinch/senders/${connection.senderId}/token`)).json()) as { token: string };
    await adminPage.goto(`/connect/${customerId}/whatsapp`);
    await expect(adminPage.getByRole("status").filter({ hasText: "WhatsApp is active." })).toBeVisible();
    await expect(adminPage.getByLabel("Sender access token")).toHaveCount(0);
    // The customer's page follows: WhatsApp was the last channel, so it shows the access ended with it.
    await expect(customer.getByTestId("access-ended")).toHaveText("All done: access ended", { timeout: 15_000 });
    await expect(customer.getByTestId("access-ended-detail")).toContainText("WhatsApp is active");
    await snapshot(customer);
    await snapshot(adminPage);

    // With every requested channel active the grant ended by itself.
    await customer.goto("/portal");
    await expect(customer.getByTestId("access-ended")).toHaveText("All done: access ended");

    const tokens = [...(await issuedTokens(e2e.emulatorURL)), senderToken];
    const portalLog = readFileSync(path.join(process.cwd(), "test-results/e2e-logs/portal.log"), "utf8");
    for (const [where, text] of [["html", html.join("\n")], ["portal log", portalLog]] as const) {
      expect(tokens.filter((token) => text.includes(token)), where).toEqual([]);
    }
    await context.close();
  });

  test("WhatsApp fallback: when Sinch's sender record has no bearerToken, staff paste it once and WhatsApp activates", async ({ adminPage, e2e }) => {
    test.setTimeout(120_000);
    const t = tag();
    const world = await metaWorld(e2e.emulatorURL, t);
    const { customerId } = await readyCustomer(adminPage.request, t);
    // Only this test's WABA: other tests running in parallel keep getting the token.
    const omit = await fetch(`${e2e.emulatorURL}/_emulator/sinch/senders/omit-bearer-token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ wabaId: world.waba.id }) });
    expect(omit.ok).toBe(true);
    await adminPage.goto(`/connect/${customerId}/whatsapp`);
    await adminPage.getByRole("button", { name: "Continue", exact: true }).click();
    const es = await openDialog(adminPage, "Start WhatsApp signup", world.user.name, world.waba.name);
    await es.getByRole("button", { name: "Finish" }).click();
    await expect(adminPage.getByRole("status").filter({ hasText: "WhatsApp is almost ready" })).toBeVisible({ timeout: 30_000 });
    const form = adminPage.getByRole("form", { name: "Sinch did not hand over the sender’s access token" });
    await expect(form).toContainText("usually reads it by itself");

    const got = await adminPage.request.get(`/api/trpc/channels.get?input=${encodeURIComponent(JSON.stringify({ json: { customerId, channel: "WHATSAPP" } }))}`);
    const senderId = ((await got.json()) as { result: { data: { json: { connection: { senderId: string } } } } }).result.data.json.connection.senderId;
    const { token: senderToken } = (await (await fetch(`${e2e.emulatorURL}/_emulator/sinch/senders/${senderId}/token`)).json()) as { token: string };
    await form.getByLabel("Sender access token").fill(senderToken);
    await form.getByRole("button", { name: "Save token and activate" }).click();
    await expect(adminPage.getByRole("status").filter({ hasText: "WhatsApp is active." })).toBeVisible({ timeout: 30_000 });
    await expect(adminPage.getByLabel("Sender access token")).toHaveCount(0);
    expect(await adminPage.content()).not.toContain(senderToken);
  });

  test("declining a permission names it; a personal Instagram account is explained", async ({ adminPage, e2e }) => {
    const t = tag();
    const world = await metaWorld(e2e.emulatorURL, t);
    const { customerId } = await readyCustomer(adminPage.request, t);
    await adminPage.goto(`/connect/${customerId}/messenger`);
    await adminPage.getByRole("button", { name: "Continue", exact: true }).click();
    const popup = await openDialog(adminPage, "Continue with Facebook", world.user.name, world.outlet.name);
    await popup.getByLabel("pages_messaging").uncheck();
    await popup.getByRole("button", { name: "Continue" }).click();
    const alert = adminPage.getByRole("alert").filter({ hasText: "Some permissions were not allowed" });
    await expect(alert).toContainText("pages_messaging");
    await expect(alert).toContainText("Send and receive messages as your Page");

    await adminPage.goto(`/connect/${customerId}/instagram`);
    await adminPage.getByRole("button", { name: "Continue", exact: true }).click();
    const ig = await openDialog(adminPage, "Continue with Facebook", world.user.name, world.studio.name);
    await ig.getByRole("button", { name: "Continue" }).click();
    const studio = adminPage.getByRole("radio", { name: new RegExp(world.studio.name) });
    await expect(studio).toBeDisabled();
    await expect(adminPage.getByText(/Switch to professional account/).first()).toBeVisible();
    await expect(adminPage.getByText(/Linked accounts → Instagram/).first()).toBeVisible();
  });

  test("Embedded Signup: CANCEL at PHONE_NUMBER_VERIFICATION shows how to resume; a look-alike origin is ignored", async ({ adminPage, e2e }) => {
    const t = tag();
    const world = await metaWorld(e2e.emulatorURL, t);
    const { customerId } = await readyCustomer(adminPage.request, t);
    await adminPage.goto(`/connect/${customerId}/whatsapp`);
    await adminPage.getByRole("button", { name: "Continue", exact: true }).click();
    await expect(adminPage.getByRole("button", { name: "Start WhatsApp signup" })).toBeEnabled();

    const cancel = JSON.stringify({ type: "WA_EMBEDDED_SIGNUP", event: "CANCEL", version: 3, data: { current_step: "PERMISSIONS" } });
    await adminPage.evaluate((data) => window.dispatchEvent(new MessageEvent("message", { data, origin: "https://evilfacebook.com" })), cancel);
    await adminPage.evaluate((data) => window.dispatchEvent(new MessageEvent("message", { data, origin: "https://www.facebook.com.evil.test" })), cancel);
    await adminPage.waitForTimeout(300);
    await expect(adminPage.getByText(/Signup stopped/)).toHaveCount(0);

    const es = await openDialog(adminPage, "Start WhatsApp signup", world.user.name, world.waba.name);
    await es.getByLabel("Cancel at step").selectOption("PHONE_NUMBER_VERIFICATION");
    await es.getByRole("button", { name: "Cancel", exact: true }).click();
    const alert = adminPage.getByRole("alert").filter({ hasText: "Signup stopped at phone number verification" });
    await expect(alert).toContainText("enter the 6-digit code");
  });
});
