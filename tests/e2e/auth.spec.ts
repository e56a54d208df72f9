import { expect, signIn, test } from "./fixtures";

test.describe("sign-in", () => {
  test("the seeded admin signs in, lands in the app, and signs out", async ({ page, e2e }) => {
    await signIn(page, { email: e2e.adminEmail, password: e2e.adminPassword });
    await expect(page).toHaveURL(/\/customers/);
    await expect(page.getByText(e2e.adminEmail)).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in\?notice=signed-out/);
    await expect(page.getByText("You have signed out.")).toBeVisible();

    // The session cookie is gone: staff pages send the visitor back to sign-in.
    await page.goto("/customers");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  });

  test("a wrong password shows one neutral message and keeps the email", async ({ page, createStaff }) => {
    // Its own account: failures count per email and address, so the admin is never throttled.
    const staff = await createStaff();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(staff.email);
    await page.getByLabel("Password").fill(`${staff.password}-wrong`);
    await page.getByRole("button", { name: "Sign in" }).click();

    await expect(page.getByTestId("sign-in-error")).toHaveText("Incorrect email or password.");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByLabel("Email")).toHaveValue(staff.email);
  });

  test("an unknown email gets the same message as a wrong password", async ({ page, uniqueEmail }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(uniqueEmail("nobody"));
    await page.getByLabel("Password").fill("not-a-real-password");
    await page.getByRole("button", { name: "Sign in" }).click();

    await expect(page.getByTestId("sign-in-error")).toHaveText("Incorrect email or password.");
  });

  test("a signed-out visit to a staff page returns there after sign-in", async ({ page, createStaff }) => {
    const staff = await createStaff();
    await page.goto("/inbox");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Finbox/);

    await page.getByLabel("Email").fill(staff.email);
    await page.getByLabel("Password").fill(staff.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/inbox$/);
  });
});
