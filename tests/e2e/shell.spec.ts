import { expect, test } from "./fixtures";

const PRODUCT = "Reseller portal";

/** Issue 18: page titles named the product twice ("Sign in · Reseller portal · Reseller portal"). */
test.describe("page titles", () => {
  test("sign-in and set-password name the product once", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page).toHaveTitle(`Sign in · ${PRODUCT}`);
    await page.goto("/set-password/not-a-real-token");
    await expect(page.getByRole("heading", { name: "Set your password" })).toBeVisible();
    await expect(page).toHaveTitle(`Set your password · ${PRODUCT}`);
  });

  test("every main staff page is titled '<page> · product'", async ({ adminPage }) => {
    test.setTimeout(180_000); // eleven server-rendered pages on a loaded machine
    const pages: Array<[string, string]> = [
      ["/dashboard", "Dashboard"],
      ["/customers", "Customers"],
      ["/customers/new", "New customer"],
      ["/inbox", "Inbox"],
      ["/troubleshooting", "Troubleshooting"],
      ["/access", "Access"],
      ["/notifications", "Notifications"],
      ["/outbox", "Outbox"],
      ["/audit", "Audit log"],
      ["/staff", "Staff"],
      ["/settings", "Settings"],
    ];
    for (const [path, name] of pages) {
      await adminPage.goto(path);
      await expect(adminPage, path).toHaveTitle(`${name} · ${PRODUCT}`);
    }
  });
});

/** Issue 18: on long staff pages the sidebar's background stopped short of the end of the page. */
test.describe("staff shell", () => {
  test("the sidebar reaches the end of a long page", async ({ adminPage, createStaff }) => {
    // Each new staff member is an audit entry: enough rows that the audit log outgrows the window.
    for (let i = 0; i < 8; i++) await createStaff();
    await adminPage.setViewportSize({ width: 1280, height: 600 });
    await adminPage.goto("/audit");
    await expect(adminPage.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
    const sidebar = adminPage.getByRole("banner");
    await expect(sidebar.getByRole("navigation", { name: "Main" })).toBeVisible();

    // The sidebar column: the outermost box around the main navigation that is still sidebar-wide.
    const measure = () =>
      adminPage.evaluate(() => {
        let column = document.querySelector('nav[aria-label="Main"]') as HTMLElement;
        while (column.parentElement && column.parentElement.getBoundingClientRect().width <= 320) column = column.parentElement;
        const box = column.getBoundingClientRect();
        const nav = document.querySelector('nav[aria-label="Main"]')!.getBoundingClientRect();
        return {
          top: box.top + window.scrollY,
          bottom: box.bottom + window.scrollY,
          background: getComputedStyle(column).backgroundColor,
          navTop: nav.top,
          scrollY: window.scrollY,
          scrollHeight: document.documentElement.scrollHeight,
          viewport: window.innerHeight,
        };
      });
    const start = await measure();
    expect(start.scrollHeight, "the audit log is longer than the window").toBeGreaterThan(start.viewport + 200);
    expect(start.background, "the sidebar paints its own background").not.toBe("rgba(0, 0, 0, 0)");
    // Its background runs from the top of the page to the end of the page, not one window high.
    expect(start.top).toBeLessThanOrEqual(0);
    expect(start.bottom).toBeGreaterThanOrEqual(start.scrollHeight - 1);

    // At the end of the page the navigation is still in view (the banner sticks to the window).
    await adminPage.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(async () => (await measure()).scrollY).toBeGreaterThan(0);
    const end = await measure();
    expect(end.bottom).toBeGreaterThanOrEqual(end.scrollHeight - 1);
    expect(end.navTop).toBeGreaterThanOrEqual(0);
    expect(end.navTop).toBeLessThan(end.viewport);
    await adminPage.screenshot({ path: test.info().outputPath("audit-full.png"), fullPage: true });
  });
});
