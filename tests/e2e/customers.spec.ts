import type { Page } from "@playwright/test";
import { createCustomer } from "./customers-support";
import { expect, test } from "./fixtures";

interface EmuApp {
  id: string;
  project_id: string;
  region: string;
  processing_mode: string;
  webhooks: Array<{ id: string; target: string; triggers: string[]; secret?: string }>;
}

const TRIGGERS = ["CHANNEL_EVENT", "CONVERSATION_START", "CONVERSATION_STOP", "EVENT_DELIVERY", "EVENT_INBOUND", "MESSAGE_DELIVERY", "MESSAGE_INBOUND", "UNSUPPORTED"];

async function control<T>(emulatorURL: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emulatorURL}${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}`);
  return (await res.json()) as T;
}

const appsOf = async (emulatorURL: string, projectId: string) =>
  (await control<{ apps: EmuApp[] }>(emulatorURL, "GET", "/_emulator/sinch/apps")).apps.filter((a) => a.project_id === projectId);

const idOf = async (page: Page, term: string) => (await page.locator("dt", { hasText: term }).locator("xpath=following-sibling::dd[1]").locator("span").first().innerText()).trim();

test.describe("customers: guided creation", () => {
  test("staff create a customer in at most 8 interactions; Sinch then holds the subproject, the app and one signed webhook", async ({ adminPage: page, e2e }) => {
    const name = `E2E Bakery ${Date.now()}`;
    const interactions = await createCustomer(page, name, "BR");
    expect(interactions).toBeLessThanOrEqual(8);

    const ids = page.getByRole("region", { name: "Sinch resources" });
    await expect(ids.getByText("Not registered yet")).toBeHidden({ timeout: 30_000 });
    await expect(page.getByText("Ready to connect channels").first()).toBeVisible();
    const projectId = await idOf(page, "Subproject id");
    const appId = await idOf(page, "App id");
    const webhookId = await idOf(page, "Webhook id");
    for (const label of ["Copy project id", "Copy app id", "Copy webhook id"]) await expect(ids.getByRole("button", { name: label })).toBeVisible();

    const apps = await appsOf(e2e.emulatorURL, projectId);
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({ id: appId, region: "br", processing_mode: "CONVERSATION" });
    expect(apps[0]!.webhooks).toHaveLength(1);
    expect(apps[0]!.webhooks[0]).toMatchObject({ id: webhookId, target: `${e2e.baseURL}/api/webhooks/sinch/${appId}` });
    expect(apps[0]!.webhooks[0]!.secret).toBeTruthy();
    expect([...apps[0]!.webhooks[0]!.triggers].sort()).toEqual(TRIGGERS);

    await expect(page.getByRole("list", { name: "Customer history" })).toContainText("Webhook registered");
  });

  test("with Subprojects disabled, the flow explains why and completes through an existing project", async ({ adminPage: page, e2e }) => {
    const name = `E2E Florist ${Date.now()}`;
    await control(e2e.emulatorURL, "POST", "/_emulator/sinch/subprojects/disable", { disabled: true });
    try {
      await createCustomer(page, name, "EU");
      await expect(page.getByTestId("setup-error")).toContainText("Subprojects are not enabled", { timeout: 30_000 });
    } finally {
      await control(e2e.emulatorURL, "POST", "/_emulator/sinch/subprojects/disable", { disabled: false });
    }
    await expect(page.getByText("ask your Sinch account manager", { exact: false }).first()).toBeVisible();

    const project = await control<{ projectId: string; keyId: string; keySecret: string }>(e2e.emulatorURL, "POST", "/_emulator/sinch/projects", {});
    const form = page.getByRole("form", { name: "Use an existing Sinch project" });
    await form.getByLabel("Project id").fill(project.projectId);
    await form.getByLabel("Access key id").fill(project.keyId);
    await form.getByLabel("Access key secret").fill(project.keySecret);
    await form.getByRole("button", { name: "Verify key and continue" }).click();

    await expect(page.getByRole("region", { name: "Sinch dashboard checklist" })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText("Ready to connect channels").first()).toBeVisible();
    expect(await idOf(page, "Project id (linked)")).toBe(project.projectId);
    const apps = await appsOf(e2e.emulatorURL, project.projectId);
    expect(apps).toHaveLength(1);
    expect(apps[0]!.region).toBe("eu");
    expect(apps[0]!.webhooks).toHaveLength(1);
    await expect(page.getByText(project.keySecret)).toHaveCount(0);
  });

  test("with the app endpoint failing twice, retry completes without duplicates", async ({ adminPage: page, e2e }) => {
    const name = `E2E Garage ${Date.now()}`;
    await control(e2e.emulatorURL, "POST", "/_emulator/faults", { key: "sinch.apps.create", status: 500, count: 2 });
    await createCustomer(page, name, "US");
    const error = page.getByTestId("setup-error");
    await expect(error).toContainText("Sinch did not complete the request", { timeout: 30_000 });
    await expect(page.getByText("Attempts so far: 1")).toBeVisible();
    await page.getByRole("button", { name: "Retry" }).click();
    await expect(page.getByText("Attempts so far: 2")).toBeVisible({ timeout: 30_000 });
    await page.getByRole("button", { name: "Retry" }).click();

    await expect(page.getByText("Ready to connect channels").first()).toBeVisible({ timeout: 30_000 });
    const projectId = await idOf(page, "Subproject id");
    const apps = await appsOf(e2e.emulatorURL, projectId);
    expect(apps).toHaveLength(1);
    expect(apps[0]!.region).toBe("us");
    expect(apps[0]!.webhooks).toHaveLength(1);
  });
});
