import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelConnections, eventEndpoints, outgoingEventTypes } from "@/server/db/schema";
import { deliverDue } from "@/server/services/events/dispatch";
import { sinchGatewayFor } from "@/server/services/sinch-client";
import { connectPage, invitedCustomer, readyCustomer, resetEmulator, SEED, settle } from "../channels/helpers";
import { createTestDb } from "../helpers/db";
import { useEmulator } from "../helpers/emulator";
import { adminWithEndpoint, recordingEnqueue } from "./helpers";
import { startEventReceiver, type EventReceiver } from "./receiver";

const emu = useEmulator();
let handle: Awaited<ReturnType<typeof createTestDb>>;
let receiver: EventReceiver;
beforeAll(async () => {
  handle = await createTestDb();
  receiver = await startEventReceiver();
  await resetEmulator(emu.current);
  await handle.db.delete(channelConnections);
  (await sinchGatewayFor(handle.db)).tokens.invalidate();
});
afterAll(async () => {
  await receiver.close();
  await handle.close();
});

interface Delivered {
  type: string;
  data: Record<string, unknown>;
}

/** Runs the sender and returns what the receiver verified since the last call, by type (several are sent at once). */
async function deliveredSince(secret: string, from: number): Promise<Delivered[]> {
  while (await deliverDue(handle.db, recordingEnqueue().enqueue));
  const events = receiver.received.slice(from).map((r) => new Webhook(secret).verify(r.body, r.headers) as Delivered);
  return events.sort((x, y) => x.type.localeCompare(y.type));
}

describe("domain events are emitted where the state changes", () => {
  it("customer.ready, access.accepted, channel.active, access.ended (completed), diagnosis.changed, channel.failing", async () => {
    const { secret } = await adminWithEndpoint(handle.db, receiver.url, [...outgoingEventTypes]);

    const { staff, customerId, appId } = await readyCustomer(handle.db);
    const ready = await deliveredSince(secret, 0);
    expect(ready).toEqual([{ type: "customer.ready", timestamp: expect.any(String), data: expect.objectContaining({ customerId, region: "eu" }) }]);

    const { grantId } = await invitedCustomer(handle.db, staff, customerId, ["MESSENGER"]);
    const accepted = await deliveredSince(secret, 1);
    expect(accepted).toEqual([expect.objectContaining({ type: "access.accepted", data: expect.objectContaining({ customerId, grantId, channels: ["MESSENGER"] }) })]);

    await connectPage(emu.current, staff, customerId, "MESSENGER", SEED.outlet);
    expect((await settle(handle.db, customerId, "MESSENGER"))?.state).toBe("active");
    const activated = await deliveredSince(secret, 2);
    expect(activated.map((e) => e.type)).toEqual(["access.ended", "channel.active"]);
    expect(activated[1]!.data).toMatchObject({ customerId, channel: "MESSENGER", from: "activating", sinchStatus: "ACTIVE" });
    expect(activated[0]!.data).toMatchObject({ customerId, grantId, reason: "completed" });

    await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    const diagnosed = await deliveredSince(secret, 4);
    expect(diagnosed).toEqual([expect.objectContaining({ type: "diagnosis.changed", data: expect.objectContaining({ customerId, channel: "MESSENGER", previousVerdict: null }) })]);
    // The same verdict again is no change.
    await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    expect(await deliveredSince(secret, 5)).toEqual([]);

    // Sinch now reports the credential FAILING: the next diagnosis moves the live channel to failing.
    await emu.current.control("POST", `/_emulator/sinch/apps/${appId}/credentials/MESSENGER/fail`, { description: "Token expired" });
    await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    const failing = await deliveredSince(secret, 5);
    expect(failing.map((e) => e.type)).toEqual(["channel.failing", "diagnosis.changed"]);
    expect(failing[0]!.data).toMatchObject({ customerId, channel: "MESSENGER", from: "active", sinchStatus: "FAILING", description: "Token expired" });
    expect(failing[1]!.data).toMatchObject({ verdict: "broken", previousVerdict: diagnosed[0]!.data.verdict });
  });

  it("access.ended when staff revoke (reason revoked), once", async () => {
    await handle.db.delete(eventEndpoints);
    const { secret } = await adminWithEndpoint(handle.db, receiver.url, ["access.ended"]);
    const from = receiver.received.length;
    const { staff, customerId } = await readyCustomer(handle.db);
    const { grantId } = await invitedCustomer(handle.db, staff, customerId, ["WHATSAPP"]);
    await staff.access.revoke({ grantId, reason: "Wrong contact" });
    await expect(staff.access.revoke({ grantId, reason: "again" })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    const events = await deliveredSince(secret, from);
    expect(events.filter((e) => e.type === "access.ended" && e.data.grantId === grantId)).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ customerId, grantId, reason: "revoked", channels: ["WHATSAPP"] }) }),
    ]);
  });
});
