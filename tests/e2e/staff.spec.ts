import { expect, test } from "./fixtures";

const NOT_ALLOWED = "You are not allowed to view this page";

interface TrpcErrorBody {
  error?: { json?: { data?: { code?: string } } };
}

test.describe("staff management", () => {
  test("an admin adds a staff member with an initial password, who then signs in", async ({ adminPage, pageAs, uniqueEmail }) => {
    const email = uniqueEmail("new-staff");
    const password = "initial-password-0123";
    await adminPage.goto("/staff");
    await adminPage.getByRole("button", { name: "Add staff member" }).click();

    const dialog = adminPage.getByRole("dialog", { name: "Add a staff member" });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByLabel("Name").fill("Nora New");
    await dialog.getByLabel("Set an initial password now").check();
    await dialog.getByRole("textbox", { name: "Initial password" }).fill(password);
    await dialog.getByRole("button", { name: "Add staff member" }).click();

    await expect(dialog).toBeHidden();
    const row = adminPage.getByTestId(`staff-row-${email}`);
    await expect(row).toContainText("Nora New");
    await expect(row).toContainText("Active");

    // A fresh browser context: nothing shared with the admin's session.
    const staffPage = await pageAs({ email, password });
    await expect(staffPage).toHaveURL(/\/customers/);
    await expect(staffPage.getByText(email)).toBeVisible();
  });

  test("staff cannot open staff management or the audit log, in pages or through the API", async ({ createStaff, pageAs }) => {
    const staff = await createStaff({ role: "staff" });
    const page = await pageAs(staff);

    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Customers" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Staff" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);

    for (const path of ["/staff", "/audit"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: NOT_ALLOWED })).toBeVisible();
    }

    const list = await page.request.get("/api/trpc/staff.list");
    expect(list.status()).toBe(403);
    expect(((await list.json()) as TrpcErrorBody).error?.json?.data?.code).toBe("FORBIDDEN");

    const input = encodeURIComponent(JSON.stringify({ json: { page: 1, pageSize: 25 } }));
    const audit = await page.request.get(`/api/trpc/audit.list?input=${input}`);
    expect(audit.status()).toBe(403);
    expect(((await audit.json()) as TrpcErrorBody).error?.json?.data?.code).toBe("FORBIDDEN");

    const create = await page.request.post("/api/trpc/staff.create", {
      data: { json: { email: "escalate@e2e.test", name: "Escalate", role: "admin", password: "escalate-password-1" } },
    });
    expect(((await create.json()) as TrpcErrorBody).error?.json?.data?.code).toBe("FORBIDDEN");
  });

  test("a disabled staff member is signed out on their next navigation", async ({ adminPage, createStaff, pageAs }) => {
    const staff = await createStaff();
    const staffPage = await pageAs(staff);
    await expect(staffPage).toHaveURL(/\/customers/);

    await adminPage.goto("/staff");
    await adminPage.getByRole("button", { name: `Disable ${staff.email}` }).click();
    await expect(adminPage.getByTestId(`staff-row-${staff.email}`)).toContainText("Disabled");

    await staffPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbox" }).click();
    await expect(staffPage).toHaveURL(/\/sign-in\?notice=disabled/);
    await expect(staffPage.getByText("Your account has been disabled.")).toBeVisible();

    // The cookie is cleared, and signing in again is refused with the usual neutral message.
    await staffPage.goto("/customers");
    await expect(staffPage).toHaveURL(/\/sign-in/);
    await staffPage.getByLabel("Email").fill(staff.email);
    await staffPage.getByLabel("Password").fill(staff.password);
    await staffPage.getByRole("button", { name: "Sign in" }).click();
    await expect(staffPage.getByTestId("sign-in-error")).toHaveText("Incorrect email or password.");
  });
});
