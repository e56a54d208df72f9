import { expect, type Page } from "@playwright/test";

/** Counts the user's own interactions (clicks, fills, selections); waits are not counted. */
export function interactionCounter() {
  let count = 0;
  const step = async <T>(action: Promise<T>): Promise<T> => {
    const result = await action;
    count++;
    return result;
  };
  return { step, count: () => count };
}

/** Staff create a customer from the directory; returns how many interactions it took. */
export async function createCustomer(page: Page, name: string, region: "US" | "EU" | "BR", contactEmail = `casey-${Date.now()}@e2e.test`): Promise<number> {
  const { step, count } = interactionCounter();
  await page.goto("/customers");
  await step(page.getByRole("link", { name: "New customer" }).first().click());
  await step(page.getByLabel("Business name").fill(name));
  await step(page.getByLabel("Contact name").fill("Casey Contact"));
  await step(page.getByLabel("Contact email").fill(contactEmail));
  await step(page.getByLabel("Region").selectOption(region.toLowerCase()));
  await step(page.getByRole("button", { name: "Create customer" }).click());
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return count();
}
