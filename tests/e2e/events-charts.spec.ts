import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { expect, expectNoSeriousAxeViolations, test, trpcMutation } from "./fixtures";

interface Received {
  headers: Record<string, string>;
  body: string;
}

/** The reseller's own system: records what the portal POSTs and answers 200. */
async function startReceiver() {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
      received.push({ headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/portal-events`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test.describe("outgoing events and message charts", () => {
  test("an admin registers an endpoint, gets signed events a Standard Webhooks verifier accepts, and replays one from the log", async ({ adminPage: page }) => {
    const receiver = await startReceiver();
    try {
      await page.goto("/settings");
      await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Outgoing events" }).click();
      await expect(page.getByRole("heading", { name: "No endpoints yet" })).toBeVisible();
      await expectNoSeriousAxeViolations(page);

      await page.getByRole("button", { name: "Add endpoint" }).click();
      const dialog = page.getByRole("dialog", { name: "Add an endpoint" });
      await dialog.getByRole("button", { name: "Add endpoint" }).click();
      await expect(dialog.getByText("Use an http:// or https:// URL.")).toBeVisible();
      await dialog.getByLabel("Endpoint URL").fill(receiver.url);
      await dialog.getByLabel("Customer ready (customer.ready)").check();
      await dialog.getByRole("button", { name: "Add endpoint" }).click();

      const secretDialog = page.getByRole("dialog", { name: "Signing secret" });
      const secret = (await secretDialog.getByTestId("endpoint-secret").textContent())!.trim();
      expect(secret).toMatch(/^whsec_/);
      await expectNoSeriousAxeViolations(page);
      await secretDialog.getByRole("button", { name: "I have stored it" }).click();

      // A state change elsewhere in the portal: a customer whose setup completes.
      const name = `E2E Events ${Date.now()}`;
      const { customerId } = await trpcMutation<{ customerId: string }>(page.request, "customers.create", { businessName: name, contactName: "Eve", contactEmail: `eve-${Date.now()}@e2e.test`, region: "eu", projectMode: "subproject" });
      await trpcMutation(page.request, "customers.runSetup", { customerId });
      // The endpoint hears every customer: tests running beside this one create customers too.
      const ours = () => receiver.received.filter((r) => r.body.includes(customerId));
      await expect.poll(() => ours().length, { timeout: 30_000 }).toBe(1);
      const first = ours()[0]!;
      expect(new Webhook(secret).verify(first.body, first.headers)).toMatchObject({ type: "customer.ready", data: { customerId, businessName: name } });

      await page.getByRole("link", { name: receiver.url }).click();
      const row = page.getByTestId("delivery-row").filter({ hasText: name });
      await expect(row.getByText("Delivered")).toBeVisible({ timeout: 10_000 });
      await expectNoSeriousAxeViolations(page);
      await row.getByRole("button", { name: /^Replay/ }).click();
      await expect(page.getByText("Delivered (HTTP 200)")).toBeVisible();
      await expect.poll(() => ours().length).toBe(2);
      const replayed = ours()[1]!;
      expect(replayed.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
      expect(new Webhook(secret).verify(replayed.body, replayed.headers)).toMatchObject({ type: "customer.ready", data: { customerId } });

      await row.getByRole("button", { name: /^Details/ }).click();
      const details = page.getByRole("dialog", { name: "customer.ready" });
      await expect(details.getByRole("row")).toHaveCount(3);
      await expect(details.getByTestId("delivery-body")).toContainText(customerId);
    } finally {
      await receiver.close();
    }
  });

  test("the dashboard and the customer page chart volume and delivery, with a table alternative, axe-clean", async ({ adminPage: page }) => {
    const name = `E2E Charts ${Date.now()}`;
    const { customerId } = await trpcMutation<{ customerId: string }>(page.request, "customers.create", { businessName: name, contactName: "Cy", contactEmail: `cy-${Date.now()}@e2e.test`, region: "eu", projectMode: "subproject" });
    await trpcMutation(page.request, "customers.runSetup", { customerId });

    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    const charts = page.getByRole("region", { name: "Messages, all customers" }).or(page.locator("section", { has: page.getByRole("heading", { name: "Messages, all customers" }) }));
    await expect(charts.getByRole("img", { name: /^Bar chart of message volume/ })).toBeVisible();
    await page.getByRole("group", { name: "Time range" }).getByRole("button", { name: "24 h" }).click();
    await expect(page.getByRole("button", { name: "24 h" })).toHaveAttribute("aria-pressed", "true");
    await page.getByText("Show the numbers as a table").click();
    await expect(page.getByRole("region", { name: /numbers per hour/ }).getByRole("row")).toHaveCount(25);
    await expectNoSeriousAxeViolations(page);

    await page.goto(`/customers/${customerId}`);
    const card = page.locator("section", { has: page.getByRole("heading", { name: "Messages", exact: true }) });
    await expect(card.getByRole("img", { name: /Bar chart of message volume\. No messages in the last 7 days\./ })).toBeVisible();
    await card.getByRole("button", { name: "30 d" }).click();
    await card.getByLabel("Channel").selectOption("WHATSAPP");
    await card.getByText("Show the numbers as a table").click();
    await expect(card.getByRole("region", { name: /numbers per day/ }).getByRole("row")).toHaveCount(31);
    await expectNoSeriousAxeViolations(page);
  });
});
