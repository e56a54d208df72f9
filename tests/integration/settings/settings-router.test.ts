import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sinchGatewayFor } from "@/server/services/sinch-client";
import { clearSetting } from "@/server/services/settings";
import { createTestDb } from "../helpers/db";
import { useEmulator } from "../helpers/emulator";
import { asStaff, createUser } from "../helpers/factories";

const emu = useEmulator();
let handle: Awaited<ReturnType<typeof createTestDb>>;
let admin: ReturnType<typeof asStaff>;
let staff: ReturnType<typeof asStaff>;

beforeAll(async () => {
  handle = await createTestDb();
  admin = asStaff(handle.db, (await createUser(handle.db, { role: "admin" })).id);
  staff = asStaff(handle.db, (await createUser(handle.db, { role: "staff" })).id);
});
afterAll(() => handle.close());

describe("settings", () => {
  it("is for admins only", async () => {
    await expect(staff.settings.get()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(staff.settings.update({ values: { "portal.publicUrl": "https://x.example" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(staff.settings.test({ target: "sinch" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("keeps secrets write-only: the output shows only a hint", async () => {
    const secret = "a-brand-new-meta-app-secret-1234";
    await admin.settings.update({ values: { "meta.appSecret": secret, "access.defaultHours": 48 } });
    const view = await admin.settings.get();
    expect(superjson.stringify(view)).not.toContain(secret);
    expect(view.find((s) => s.key === "meta.appSecret")).toMatchObject({ secret: true, value: null, hint: "set, ends with …1234", fromEnvironment: false });
    expect(view.find((s) => s.key === "access.defaultHours")).toMatchObject({ value: 48, fromEnvironment: false });
    await clearSetting(handle.db, "meta.appSecret");
  });

  it("answers field errors for bad values", async () => {
    const err = await admin.settings
      .update({ values: { "portal.publicUrl": "not a url", "meta.appId": "abc", "access.defaultHours": 999, "access.maxHours": 100 } })
      .catch((e: { code: string; cause?: { fieldErrors?: Record<string, string> } }) => e);
    expect(err).toMatchObject({ code: "BAD_REQUEST" });
    expect(Object.keys((err as { cause: { fieldErrors: Record<string, string> } }).cause.fieldErrors).sort()).toEqual(["access.defaultHours", "meta.appId", "portal.publicUrl"]);
  });

  it("tests Sinch and Meta against the emulator, and reports a rejected key", async () => {
    expect(await admin.settings.test({ target: "sinch" })).toMatchObject({ ok: true, code: null });
    expect(await admin.settings.test({ target: "meta" })).toMatchObject({ ok: true });
    await emu.current.control("POST", "/_emulator/sinch/subprojects/disable", { disabled: true });
    expect(await admin.settings.test({ target: "sinch" })).toMatchObject({ ok: true, code: "subprojects_not_enabled" });
    await emu.current.control("POST", "/_emulator/sinch/subprojects/disable", { disabled: false });

    await admin.settings.update({ values: { "sinch.keySecret": "wrong-secret-value" } });
    expect(await admin.settings.test({ target: "sinch" })).toMatchObject({ ok: false, code: "unauthorized" });
    await admin.settings.update({ values: { "meta.appSecret": "wrong-meta-secret" } });
    expect(await admin.settings.test({ target: "meta" })).toMatchObject({ ok: false, code: "unauthorized" });
    await clearSetting(handle.db, "sinch.keySecret");
    await clearSetting(handle.db, "meta.appSecret");
    (await sinchGatewayFor(handle.db)).tokens.invalidate();
  });

  it("reports an unreachable public URL", async () => {
    await admin.settings.update({ values: { "portal.publicUrl": "http://127.0.0.1:9" } });
    expect(await admin.settings.test({ target: "publicUrl" })).toMatchObject({ ok: false, code: "unreachable" });
    await admin.settings.update({ values: { "portal.publicUrl": emu.current.url } });
    expect(await admin.settings.test({ target: "publicUrl" })).toMatchObject({ ok: true });
  });
});
