import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers } from "@/server/db/schema";
import { systemActor } from "@/server/services/audit";
import { seedDemoData } from "@/server/services/seed";
import { clearSetting, updateSettings } from "@/server/services/settings";
import { sinchGatewayFor } from "@/server/services/sinch-client";
import { createTestDb } from "../helpers/db";
import { useEmulator } from "../helpers/emulator";
import { emuApps } from "./emulator-helpers";

const emu = useEmulator();
let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.close());

describe("demo seed", () => {
  it("without a usable Sinch, creates the rows and says why the Sinch part was skipped; later runs finish them once", async () => {
    await updateSettings(handle.db, systemActor(), { "sinch.keySecret": "not-the-emulator-secret" });
    const first = await seedDemoData(handle.db);
    expect(first.summary).toMatch(/unreachable/);
    expect(await handle.db.select().from(customers)).toHaveLength(3);

    await clearSetting(handle.db, "sinch.keySecret");
    (await sinchGatewayFor(handle.db)).tokens.invalidate();
    const second = await seedDemoData(handle.db);
    expect(second.summary).not.toMatch(/unreachable/);
    const rows = await handle.db.select().from(customers);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => `${r.region}:${r.setupStatus}`).sort()).toEqual(["br:ready", "eu:ready", "us:in_progress"]);
    expect(await emuApps(emu.current)).toHaveLength(2);

    await seedDemoData(handle.db);
    expect(await handle.db.select().from(customers)).toHaveLength(3);
    expect(await emuApps(emu.current)).toHaveLength(2);
  });
});
