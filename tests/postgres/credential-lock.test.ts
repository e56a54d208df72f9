import postgres from "postgres";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "@/server/db/client";
import { channelConnections } from "@/server/db/schema";
import { sinchGatewayFor } from "@/server/services/sinch-client";
import { connectPage, emulatorApp, pageLoginCode, readyCustomer, resetEmulator, SEED, settle, type Staff } from "../integration/channels/helpers";
import { createTestDb, usingPostgres } from "../integration/helpers/db";
import { useEmulator } from "../integration/helpers/emulator";
import { asStaff } from "../integration/helpers/factories";

// Two database clients on one real Postgres database stand for two portal instances: the credential
// lock has to live in the database for them to take turns (run by the `postgres` tier of npm test).
const emu = useEmulator();
let first: Awaited<ReturnType<typeof createTestDb>>;
let second: DbHandle;
let raw: postgres.Sql;

beforeAll(async () => {
  if (!usingPostgres()) throw new Error("credential-lock.test.ts needs TEST_DATABASE_URL (a real Postgres server)");
  first = await createTestDb();
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${first.name}`;
  second = createDb({ databaseUrl: url.toString(), maxConnections: 5 });
  raw = postgres(url.toString(), { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await raw?.end();
  await second?.close();
  await first?.close();
});
/** A clean emulator (no Page connected anywhere) and no stale connection rows. */
async function freshStart() {
  await resetEmulator(emu.current);
  await first.db.delete(channelConnections);
  (await sinchGatewayFor(first.db)).tokens.invalidate();
  (await sinchGatewayFor(second.db)).tokens.invalidate();
}
beforeEach(freshStart);

/** Login and Page choice for one channel, stopping just before the step that writes the credential array. */
async function preparedConnect(staff: Staff, customerId: string, channel: "MESSENGER" | "INSTAGRAM", pageId: string) {
  await staff.channels.begin({ customerId, channel, tokenType: "user" });
  const code = await pageLoginCode(emu.current, channel === "MESSENGER" ? "messenger" : "instagram", { pages: [SEED.bakery, SEED.outlet, SEED.studio], igs: [SEED.bakeryIg] });
  const login = await staff.channels.completeLogin({ customerId, channel, code });
  if (login.status !== "ok") throw new Error("login refused");
  await staff.channels.selectPage({ customerId, channel, sessionId: login.sessionId, pageId });
  return () => staff.channels.connect({ customerId, channel, sessionId: login.sessionId });
}

describe("credential writes from two database clients on one app", () => {
  it("two concurrent connects on one app, one through each client, both succeed and neither credential is lost (5 rounds)", async () => {
    let lost = 0;
    for (let round = 0; round < 5; round++) {
      await freshStart();
      const { admin, customerId, appId } = await readyCustomer(first.db);
      const viaFirst = asStaff(first.db, admin.id);
      const viaSecond = asStaff(second.db, admin.id);
      const messenger = await preparedConnect(viaFirst, customerId, "MESSENGER", SEED.outlet);
      const instagram = await preparedConnect(viaSecond, customerId, "INSTAGRAM", SEED.bakery);
      const results = await Promise.allSettled([messenger(), instagram()]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
      const app = await emulatorApp(emu.current, appId);
      const channels = app.channel_credentials.map((c) => c.channel).sort();
      lost += 2 - channels.length;
      expect(channels).toEqual(["INSTAGRAM", "MESSENGER"]);
    }
    expect(lost).toBe(0);
  });

  it("a disconnect racing a connect on the other client does not bring the removed channel back", async () => {
    const { admin, customerId, appId } = await readyCustomer(first.db);
    const viaFirst = asStaff(first.db, admin.id);
    const viaSecond = asStaff(second.db, admin.id);
    await connectPage(emu.current, viaFirst, customerId, "MESSENGER", SEED.outlet);
    await settle(first.db, customerId, "MESSENGER");
    const instagram = await preparedConnect(viaSecond, customerId, "INSTAGRAM", SEED.bakery);
    await Promise.all([viaFirst.channels.disconnect({ customerId, channel: "MESSENGER", confirmation: "disconnect messenger" }), instagram()]);
    const app = await emulatorApp(emu.current, appId);
    expect(app.channel_credentials.map((c) => c.channel)).toEqual(["INSTAGRAM"]);
  });

  it("waits for the app's advisory lock held by another connection, and proceeds once it is released", async () => {
    const { admin, customerId, appId } = await readyCustomer(first.db);
    const connect = await preparedConnect(asStaff(second.db, admin.id), customerId, "MESSENGER", SEED.outlet);
    const held = await raw.reserve();
    await held`select pg_advisory_lock(hashtext(${`cred:${appId}`}))`;
    let done = false;
    const pending = connect().then((r) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 800));
    expect(done).toBe(false);
    expect((await emulatorApp(emu.current, appId)).channel_credentials).toEqual([]);
    await held`select pg_advisory_unlock(hashtext(${`cred:${appId}`}))`;
    held.release();
    await expect(pending).resolves.toMatchObject({ state: "activating" });
    expect((await emulatorApp(emu.current, appId)).channel_credentials.map((c) => c.channel)).toEqual(["MESSENGER"]);
  });
});
