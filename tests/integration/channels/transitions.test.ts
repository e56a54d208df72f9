import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, channelConnections } from "@/server/db/schema";
import { systemActor } from "@/server/services/audit";
import { applyConnectionPatch, applyToCurrentConnection } from "@/server/services/channels/transitions";
import { createCustomer, setChannelState } from "../access/helpers";
import { createTestDb } from "../helpers/db";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.close());

async function connection(customerId: string) {
  const [row] = await handle.db.select().from(channelConnections).where(and(eq(channelConnections.customerId, customerId), eq(channelConnections.channel, "MESSENGER")));
  return row!;
}

const forget = { state: "disconnected", tokenCiphertext: null, sinchStatus: null } as const;

describe("connection patches against a row read before another writer moved it", () => {
  it("an observation (the poll's patch) is dropped when the state moved since it was read", async () => {
    const customer = await createCustomer(handle.db);
    await setChannelState(handle.db, customer.id, "MESSENGER", "activating");
    const read = await connection(customer.id);
    await applyConnectionPatch(handle.db, read, { state: "active" });

    const after = await applyConnectionPatch(handle.db, read, { state: "failing", sinchStatus: "MISSING" });
    expect(after).toMatchObject({ state: "active" });
  });

  it("a change Sinch already made lands on the row as it now is, audited from the state it really left", async () => {
    const customer = await createCustomer(handle.db);
    await setChannelState(handle.db, customer.id, "MESSENGER", "activating");
    const read = await connection(customer.id);
    await applyConnectionPatch(handle.db, read, { state: "active", tokenCiphertext: "still-here" });

    const after = await applyToCurrentConnection(handle.db, read.id, forget, systemActor("test"));
    expect(after).toMatchObject(forget);
    expect(await connection(customer.id)).toMatchObject(forget);
    const moves = (await handle.db.select().from(auditLog).where(and(eq(auditLog.customerId, customer.id), eq(auditLog.action, "channel.state_changed")))).map((a) => [a.metadata.from, a.metadata.to]);
    expect(moves).toEqual([
      ["activating", "active"],
      ["active", "disconnected"],
    ]);
  });

  it("a patch that leaves the state as it is writes once and records no transition", async () => {
    const customer = await createCustomer(handle.db);
    await setChannelState(handle.db, customer.id, "MESSENGER", "disconnected");
    const row = await connection(customer.id);
    const after = await applyToCurrentConnection(handle.db, row.id, forget, systemActor("test"));
    expect(after).toMatchObject(forget);
    const moves = await handle.db.select().from(auditLog).where(and(eq(auditLog.customerId, customer.id), eq(auditLog.action, "channel.state_changed")));
    expect(moves).toEqual([]);
  });
});
