import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { metaWorld } from "./channels-support";
import { expect, expectNoSeriousAxeViolations, test } from "./fixtures";

interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  type: string;
  headers: Headers;
  body: T;
}

/** The reseller's own system: plain HTTP with the key, no browser cookies. */
function apiClient(baseURL: string, token: string) {
  return async <T = Record<string, unknown>>(method: "GET" | "POST", path: string, body?: unknown, idempotencyKey: string | null = method === "POST" ? randomUUID() : null): Promise<ApiAnswer<T>> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
    const res = await fetch(`${baseURL}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, type: res.headers.get("content-type") ?? "", headers: res.headers, body: (await res.json()) as T };
  };
}

/** The Embedded Signup outcome of the emulated Meta dialog (its JSON mode), for a private WABA. */
async function whatsappSignup(emulatorURL: string, tag: string) {
  const world = await metaWorld(emulatorURL, tag);
  // The signup joins the Multi-Partner Solution the portal is configured with (the emulator's default),
  // as the portal's own Embedded Signup launch does; the emulator refuses a signup without it.
  const extras = JSON.stringify({ setup: { solutionID: "emu-solution-sinch" }, featureType: "", sessionInfoVersion: "3" });
  const form = new URLSearchParams({ client_id: "100000000000001", origin: "http://portal.e2e", response_type: "code", cbid: "cb", user_id: world.user.id, config_id: "emu-config-whatsapp", extras, action: "continue" });
  for (const p of ["whatsapp_business_management", "whatsapp_business_messaging", "business_management"]) form.append("perm", p);
  form.set("es_business", world.biz.id);
  form.set("es_waba", world.waba.id);
  form.set("es_share_waba", "yes");
  const res = await fetch(`${emulatorURL}/meta/dialog/oauth`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, body: form.toString() });
  const result = (await res.json()) as { code: string | null; esMessage?: string };
  const message = JSON.parse(result.esMessage!) as { event: string; data: { waba_id: string; phone_number_id: string; business_id: string } };
  return { code: result.code!, event: message.event, ...message.data };
}

async function fitsWidth(page: Page) {
  const { scroll, width, wide } = await page.evaluate(() => {
    const width = window.innerWidth;
    // The innermost elements that stick out, named so a failure says what to fix.
    const wide = [...document.body.querySelectorAll("*")]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && ![...el.children].some((c) => c.getBoundingClientRect().right > width + 1))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} "${(el.textContent ?? "").slice(0, 40)}"`);
    return { scroll: document.documentElement.scrollWidth, width, wide };
  });
  expect(scroll, wide.join("\n")).toBeLessThanOrEqual(width);
}

test.describe("automation API keys", () => {
  test("an admin creates a key in Settings, drives an onboarding through /api/v1 with it, sees it used, revokes it and the API refuses it", async ({ adminPage: page, e2e, uniqueEmail }) => {
    test.setTimeout(180_000);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/settings");
    await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "API keys" }).click();
    await expect(page.getByRole("heading", { name: "No API keys yet" })).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    // The dialog by keyboard: validation first, then name and scope.
    await page.getByRole("button", { name: "Create key" }).click();
    const dialog = page.getByRole("dialog", { name: "Create an API key" });
    await expect(dialog.getByLabel("Key name")).toBeFocused();
    await dialog.getByRole("button", { name: "Create key" }).click();
    await expect(dialog.getByText("Give the key a name, e.g. the system that uses it.")).toBeVisible();
    await expect(dialog.getByText("Choose what the key may do.")).toBeVisible();
    const name = `CRM ${randomUUID().slice(0, 8)}`;
    await dialog.getByLabel("Key name").fill(name);
    await dialog.getByRole("radio", { name: "Full access" }).check();
    await dialog.getByLabel("Key name").press("Enter");

    const shown = page.getByRole("dialog", { name: "Your new API key" });
    await expect(shown.getByText("you will not see it again")).toBeVisible();
    await expect(page.getByText(`Key "${name}" created`)).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await shown.getByRole("button", { name: "Copy API key" }).click();
    const token = await page.evaluate(() => navigator.clipboard.readText());
    expect(token).toBe((await shown.getByTestId("api-key-token").textContent())!.trim());
    expect(token).toMatch(/^rp_/);
    await shown.getByRole("button", { name: "I have stored it" }).click();
    await expect(shown).toBeHidden();

    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText("Full access");
    await expect(row).toContainText(token.slice(0, 12));
    await expect(row).toContainText(e2e.adminEmail);
    await expect(row.getByTestId("api-key-last-used")).toHaveText("Never");
    await expect(page.getByText(token)).toHaveCount(0);

    const api = apiClient(e2e.baseURL, token);
    // Create the customer; the retry with the same Idempotency-Key answers the same customer.
    const tag = randomUUID().slice(0, 8);
    const contactEmail = uniqueEmail("api-contact");
    const input = { businessName: `API Onboarding ${tag}`, contactName: "Ana Api", contactEmail, region: "eu", projectMode: "subproject" };
    // Bad input is a problem+json 4xx naming the field; a POST without an Idempotency-Key is refused.
    const invalid = await api<{ errors?: Record<string, string> }>("POST", "/customers", { ...input, businessName: "" });
    expect(invalid.status).toBe(422);
    expect(invalid.type).toContain("application/problem+json");
    expect(Object.keys(invalid.body.errors ?? {})).toContain("businessName");
    const missingKey = await api("POST", "/customers", input, null);
    expect(missingKey.status).toBe(400);
    expect(missingKey.type).toContain("application/problem+json");

    const idem = randomUUID();
    type Created = { customer: { id: string; setupStatus: string }; setup: { status: string } };
    const created = await api<Created>("POST", "/customers", input, idem);
    expect(created.status).toBe(201);
    const again = await api<Created>("POST", "/customers", input, idem);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.customer.id).toBe(created.body.customer.id);
    const customerId = created.body.customer.id;

    // Wait for ready (the setup is resumable: run it again until Sinch's side is done).
    await expect
      .poll(
        async () => {
          const got = await api<{ setupStatus: string }>("GET", `/customers/${customerId}`);
          if (got.body.setupStatus !== "ready") await api("POST", `/customers/${customerId}/setup`, {});
          return got.body.setupStatus;
        },
        { timeout: 45_000 },
      )
      .toBe("ready");

    const invite = await api<{ id: string; invitedEmail: string }>("POST", `/customers/${customerId}/access`, { email: contactEmail, channels: ["WHATSAPP"] });
    expect(invite.status).toBe(201);
    const grants = await api<{ data: { id: string }[]; next_cursor: string | null }>("GET", `/customers/${customerId}/access`);
    expect(grants.body.data.map((g) => g.id)).toContain(invite.body.id);

    type Connection = { channel: string; state: string; wabaId: string | null; phoneNumberId: string | null };
    const before = await api<{ data: Connection[] }>("GET", `/customers/${customerId}/channels`);
    expect(before.body.data.find((c) => c.channel === "WHATSAPP")?.state).toBe("not_started");

    const signup = await whatsappSignup(e2e.emulatorURL, tag);
    const sender = await api<Connection>("POST", `/customers/${customerId}/channels/whatsapp/sender`, {
      code: signup.code,
      event: signup.event,
      wabaId: signup.waba_id,
      phoneNumberId: signup.phone_number_id,
      businessId: signup.business_id,
      region: "EU",
      metaLocalStorage: "UNSPECIFIED",
    });
    expect(sender.status).toBe(201);
    expect(sender.body).toMatchObject({ channel: "WHATSAPP", wabaId: signup.waba_id, phoneNumberId: signup.phone_number_id });
    const whatsapp = await api<Connection>("GET", `/customers/${customerId}/channels/WHATSAPP`);
    expect(whatsapp.body.state).not.toBe("not_started");

    const events = await api<{ data: unknown[]; next_cursor: string | null }>("GET", `/customers/${customerId}/webhook-events`);
    expect(events.status).toBe(200);
    expect(Array.isArray(events.body.data)).toBe(true);

    // The key's last use shows in Settings.
    await page.reload();
    await expect(row.getByTestId("api-key-last-used")).not.toHaveText("Never");
    await expect(row.getByTestId("api-key-last-used")).toHaveText(/just now|minute/);

    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    const confirm = page.getByRole("dialog", { name: `Revoke "${name}"?` });
    await confirm.getByRole("button", { name: "Revoke key" }).click();
    await expect(page.getByText(`Key "${name}" revoked`)).toBeVisible();
    await expect(row).toContainText("Revoked");
    await expect(row.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);

    const refused = await api("GET", "/customers");
    expect(refused.status).toBe(401);
    expect(refused.type).toContain("application/problem+json");
  });

  test("the API reference renders every operation of /api/v1/openapi.json, is linked from API keys, axe-clean, and fits 390 px", async ({ adminPage: page, e2e }) => {
    test.setTimeout(120_000);
    const doc = (await (await fetch(`${e2e.baseURL}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, id: op.operationId })));
    expect(operations.length).toBeGreaterThan(10);

    await page.goto("/settings/api-keys");
    await page.getByRole("link", { name: "API reference" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible({ timeout: 30_000 });
    for (const op of operations) {
      const section = page.locator(`#op-${op.id}`);
      await expect(section.getByRole("heading", { level: 3 }), `${op.method} ${op.path}`).toContainText(op.path);
      await expect(section.getByRole("heading", { level: 3 })).toContainText(op.method);
    }
    await expect(page.getByText("Idempotency-Key", { exact: false }).first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "Errors" })).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    // A contents link moves to its operation.
    const first = operations[0]!;
    await page.getByRole("navigation", { name: "API reference contents" }).locator(`a[href="#op-${first.id}"]`).click();
    await expect(page).toHaveURL(new RegExp(`#op-${first.id}$`));

    await page.setViewportSize({ width: 390, height: 844 });
    await fitsWidth(page);
    await expectNoSeriousAxeViolations(page);
    await page.goto("/settings/api-keys");
    await expect(page.getByRole("button", { name: "Create key" }).first()).toBeVisible();
    await fitsWidth(page);
  });
});
