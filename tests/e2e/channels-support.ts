import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { trpcMutation } from "./fixtures";

/** A private Meta world (own user, Pages, portfolio, WABA) so tests never collide on seeded Pages. */
export async function metaWorld(emulatorURL: string, tag: string) {
  const control = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${emulatorURL}/_emulator/meta${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const user = await control<{ id: string; name: string }>("/users", { name: `Tester ${tag}`, appRole: true });
  const biz = await control<{ id: string; name: string }>("/businesses", { name: `Portfolio ${tag}`, userIds: [user.id] });
  const outlet = await control<{ id: string; name: string }>("/pages", { name: `Outlet ${tag}`, userId: user.id });
  const bakery = await control<{ id: string; name: string }>("/pages", { name: `Bakery ${tag}`, userId: user.id, instagram: { username: `bakery.${tag}`, accountType: "BUSINESS" } });
  const studio = await control<{ id: string; name: string }>("/pages", { name: `Studio ${tag}`, userId: user.id, instagram: { username: `studio.${tag}`, accountType: "PERSONAL" } });
  const waba = await control<{ id: string; name: string }>("/wabas", { businessId: biz.id, name: `WhatsApp ${tag}` });
  await control("/phone-numbers", { wabaId: waba.id, display_phone_number: "+1 555-030-0001", verified_name: `Shop ${tag}` });
  return { user, biz, outlet, bakery, studio, waba };
}

/** A customer created through the app (Sinch setup against the emulator). */
export async function readyCustomer(request: APIRequestContext, tag: string) {
  const businessName = `Channels E2E ${tag}`;
  const { customerId } = await trpcMutation<{ customerId: string }>(request, "customers.create", {
    businessName,
    contactName: "Cora Customer",
    contactEmail: `cora-${tag}@e2e.test`,
    region: "eu",
    projectMode: "subproject",
  });
  await expect.poll(async () => (await trpcMutation<{ status: string }>(request, "customers.runSetup", { customerId })).status, { timeout: 45_000 }).toBe("ready");
  return { customerId, businessName };
}

/** The invite link from the admin outbox page, as an admin without SMTP reads it. */
export async function linkFromOutbox(adminPage: Page, to: string): Promise<string> {
  await adminPage.goto("/outbox");
  await adminPage.getByTestId(`outbox-row-${to}`).first().getByRole("button", { name: /^Read the email/ }).click();
  const body = adminPage.getByTestId("outbox-body");
  await expect(body).toContainText("/access/");
  const link = /https?:\/\/\S+\/access\/[A-Za-z0-9_-]{43}/.exec((await body.textContent()) ?? "")?.[0];
  expect(link).toBeTruthy();
  await adminPage.keyboard.press("Escape");
  return link!;
}

/** Opens the login popup from a click and hands it over already showing the chosen user. */
export async function openDialog(page: Page, button: string, userName: string, marker: string): Promise<Page> {
  const [popup] = await Promise.all([page.waitForEvent("popup"), page.getByRole("button", { name: button }).click()]);
  await popup.waitForLoadState();
  await popup.getByLabel("Log in as").selectOption({ label: userName });
  // The dialog reloads for the chosen user; its own assets prove the reload finished.
  await expect(popup.getByText(marker).first()).toBeVisible();
  return popup;
}

/** Every token string the emulator has issued so far (user, Page, system-user) plus extra secrets. */
export async function issuedTokens(emulatorURL: string): Promise<string[]> {
  const res = await fetch(`${emulatorURL}/_emulator/meta/state`);
  const state = (await res.json()) as { tokens: Array<{ token: string }> };
  return state.tokens.map((t) => t.token);
}
