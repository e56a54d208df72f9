import type { Page } from "@playwright/test";
import { createCustomer, interactionCounter } from "./customers-support";
import { expect, test, trpcMutation } from "./fixtures";

/** A customer made through the app (Sinch setup against the emulator), ready for an invite. */
async function readyCustomer(adminPage: Page, contactEmail: string) {
  const businessName = `Access E2E ${contactEmail.split("@")[0]}`;
  const { customerId } = await trpcMutation<{ customerId: string }>(adminPage.request, "customers.create", {
    businessName,
    contactName: "Cora Customer",
    contactEmail,
    region: "eu",
    projectMode: "subproject",
  });
  await expect
    .poll(async () => (await trpcMutation<{ status: string }>(adminPage.request, "customers.runSetup", { customerId })).status, { timeout: 45_000 })
    .toBe("ready");
  return { customerId, businessName };
}

/** The invite link, read from the admin outbox page exactly as an admin without SMTP would. */
async function linkFromOutbox(adminPage: Page, to: string): Promise<string> {
  await adminPage.goto("/outbox");
  await adminPage.getByTestId(`outbox-row-${to}`).first().getByRole("button", { name: /^Read the email/ }).click();
  const body = adminPage.getByTestId("outbox-body");
  await expect(body).toContainText("/access/");
  const text = (await body.textContent()) ?? "";
  const link = /https?:\/\/\S+\/access\/[A-Za-z0-9_-]{43}/.exec(text)?.[0];
  expect(link).toBeTruthy();
  await adminPage.keyboard.press("Escape");
  return link!;
}

test.describe("temporary customer access", () => {
  test("invite → open in a fresh browser → only their project → revoke → access ended; the link works once", async ({ adminPage, browser, uniqueEmail, e2e }) => {
    const contact = uniqueEmail("customer");
    const other = await readyCustomer(adminPage, uniqueEmail("other"));
    const { customerId, businessName } = await readyCustomer(adminPage, contact);

    await adminPage.goto(`/customers/${customerId}`);
    await adminPage.getByRole("button", { name: "Invite customer" }).click();
    const dialog = adminPage.getByRole("dialog", { name: "Invite the customer" });
    await expect(dialog.getByLabel("Email")).toHaveValue(contact);
    // The channels not connected yet start ticked; this invite leaves Instagram out.
    for (const name of ["Messenger", "Instagram", "WhatsApp"]) await expect(dialog.getByRole("checkbox", { name })).toBeChecked();
    await dialog.getByRole("checkbox", { name: "Instagram" }).uncheck();
    await dialog.getByRole("button", { name: "Send invite" }).click();
    await expect(dialog).toBeHidden();
    await expect(adminPage.getByTestId(`grant-${contact}`)).toContainText("Invited");

    const link = await linkFromOutbox(adminPage, contact);

    // The customer: a fresh browser context sharing nothing with staff.
    const customerContext = await browser.newContext({ baseURL: e2e.baseURL });
    const customer = await customerContext.newPage();
    const opened = await customer.goto(link);
    await expect(customer).toHaveURL(/\/portal$/);
    expect(customer.url()).not.toContain("/access/");
    expect(opened?.request().redirectedFrom()?.url()).toContain("/access/");
    await expect(customer.getByRole("heading", { name: "Connect your channels" })).toBeVisible();
    await expect(customer.getByText(businessName)).toBeVisible();
    await expect(customer.getByText(other.businessName)).toHaveCount(0);
    await expect(customer.getByTestId("portal-channel-MESSENGER")).toBeVisible();
    await expect(customer.getByTestId("portal-channel-WHATSAPP")).toBeVisible();
    await expect(customer.getByTestId("portal-channel-INSTAGRAM")).toHaveCount(0);
    await expect(customer.getByText(/Access ends/).first()).toBeVisible();

    // Staff pages and the staff API do not exist for a customer session.
    for (const path of ["/customers", `/customers/${customerId}`, `/customers/${other.customerId}`, "/outbox"]) {
      const res = await customer.request.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBe(404);
    }
    const api = await customer.request.get("/api/trpc/access.list?input=" + encodeURIComponent(JSON.stringify({ json: {} })));
    expect(api.status()).toBe(404);

    // The timeline shows the steps so far.
    await adminPage.goto(`/customers/${customerId}`);
    const grantRow = adminPage.getByTestId(`grant-${contact}`);
    await expect(grantRow).toContainText("In use");
    await adminPage.getByText("Access history", { exact: true }).click();
    await expect(adminPage.getByRole("list", { name: "Access history" })).toContainText("Customer session started");

    // Staff revoke; the customer's very next click shows why access ended.
    await grantRow.getByRole("button", { name: `Revoke access of ${contact}` }).click();
    const revoke = adminPage.getByRole("dialog", { name: "Revoke access" });
    await revoke.getByLabel("Reason").fill("Project paused");
    await revoke.getByRole("button", { name: "Revoke access" }).click();
    await expect(grantRow).toContainText("Revoked");

    await customer.getByTestId("portal-channel-MESSENGER").click();
    await expect(customer.getByTestId("access-ended")).toHaveText("Access ended");
    await expect(customer.getByText("Reason: Project paused")).toBeVisible();

    // The same link a second time: the single invalid-link page, without Referer leaks.
    const second = await customer.goto(link);
    await expect(customer).toHaveURL(/\/access\/invalid$/);
    await expect(customer.getByRole("heading", { name: "This link is no longer valid" })).toBeVisible();
    expect(second?.headers()["referrer-policy"]).toBe("no-referrer");
    await customerContext.close();

    // The access view lists the grant with its final state.
    await adminPage.goto("/access?state=ended");
    await expect(adminPage.getByTestId(`access-row-${contact}`)).toContainText("Revoked");
  });

  test("staff go from \"New customer\" to an invite for all three channels in at most 8 interactions", async ({ adminPage: page, uniqueEmail }) => {
    const contact = uniqueEmail("flow");
    const name = `Flow E2E ${contact.split("@")[0]}`;
    const { step, count } = interactionCounter();
    const created = await createCustomer(page, name, "EU", contact);
    // The invite opens once Sinch is ready; waiting for it is not an interaction.
    const invite = page.getByRole("button", { name: "Invite customer" });
    await expect(invite).toBeEnabled({ timeout: 45_000 });
    await step(invite.click());
    const dialog = page.getByRole("dialog", { name: "Invite the customer" });
    await expect(dialog.getByLabel("Email")).toHaveValue(contact);
    await step(dialog.getByRole("button", { name: "Send invite" }).click());
    await expect(dialog).toBeHidden();
    const interactions = created + count();
    console.log(`[staff flow] New customer → invite sent: ${interactions} interactions`);
    expect(interactions).toBeLessThanOrEqual(8);

    const grant = page.getByTestId(`grant-${contact}`);
    await expect(grant).toContainText("Invited");
    for (const channel of ["Messenger", "Instagram", "WhatsApp"]) await expect(grant).toContainText(channel);
    const link = await linkFromOutbox(page, contact);
    expect(link).toMatch(/\/access\//);
  });

  test("an unknown link shows the same invalid-link page", async ({ page }) => {
    await page.goto(`/access/${"A".repeat(43)}`);
    await expect(page).toHaveURL(/\/access\/invalid$/);
    await expect(page.getByRole("heading", { name: "This link is no longer valid" })).toBeVisible();
  });
});
