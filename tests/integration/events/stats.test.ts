import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations, messages } from "@/server/db/schema";
import { ingestSinchCallback } from "@/server/services/inbox/ingest";
import { rollupMessageStats } from "@/server/services/stats/rollup";
import { createTestDb } from "../helpers/db";
import { asStaff, createUser, unique } from "../helpers/factories";
import { createInboxApp, deliveryReport, inboundText, signed, type TestApp } from "../inbox/inbox-factories";

const HOUR = 3_600_000;
let handle: Awaited<ReturnType<typeof createTestDb>>;
let a: TestApp;
let b: TestApp;
let staff: ReturnType<typeof asStaff>;
beforeAll(async () => {
  handle = await createTestDb();
  a = await createInboxApp(handle.db, { name: "Alpha Bakery" });
  b = await createInboxApp(handle.db, { name: "Beta Outlet" });
  staff = asStaff(handle.db, (await createUser(handle.db, { role: "staff" })).id);
});
afterAll(() => handle.close());

async function post(app: TestApp, body: string) {
  const req = signed(body, app.secret!);
  expect((await ingestSinchCallback(handle.db, { appId: app.appId, rawBody: req.body, headers: req.headers })).status).toBe(200);
}

/** An outbound message as the reply service stores it (sent from the portal, then reported on). */
async function outbound(app: TestApp, at: Date) {
  const [conv] = await handle.db.select().from(conversations).where(eq(conversations.appId, app.appId)).limit(1);
  const sinchMessageId = unique("OUT");
  await handle.db.insert(messages).values({ conversationId: conv!.id, customerId: app.customerId, sinchMessageId, direction: "outbound", kind: "text", text: "Hi", status: "QUEUED", statusRank: 1, sentAt: at });
  return sinchMessageId;
}

describe("message charts: rollup and aggregate queries", () => {
  it("counts inbound/outbound and delivered/failed per customer and channel, and a late report moves an old hour", async () => {
    const now = new Date();
    const twoDaysAgo = new Date(now.getTime() - 50 * HOUR);
    await post(a, inboundText(a.appId, { text: "one", messageId: unique("M"), channel: "INSTAGRAM" }));
    await post(a, inboundText(a.appId, { text: "two", messageId: unique("M"), channel: "INSTAGRAM" }));
    await post(a, inboundText(a.appId, { text: "old", messageId: unique("M"), channel: "INSTAGRAM", at: twoDaysAgo }));
    await post(b, inboundText(b.appId, { text: "b", messageId: unique("M"), channel: "WHATSAPP", conversationId: "CONV-B", identity: "46700000001" }));
    const delivered = await outbound(a, now);
    const failed = await outbound(a, now);
    const old = await outbound(a, twoDaysAgo);
    const older = await outbound(a, new Date(now.getTime() - 5 * 24 * HOUR));
    await post(a, deliveryReport(a.appId, delivered, "DELIVERED"));
    await post(a, deliveryReport(a.appId, failed, "FAILED", { reason: { code: "RECIPIENT_NOT_REACHABLE" } }));

    // First run: backfill of everything.
    expect((await rollupMessageStats(handle.db, new Date())).claimed).toBe(true);
    const day = await staff.stats.customer({ customerId: a.customerId, range: "24h" });
    expect(day.grain).toBe("hour");
    expect(day.series).toHaveLength(24);
    expect(day.totals).toEqual({ inbound: 2, outbound: 2, delivered: 1, failed: 1 });
    expect(day.channels.find((c) => c.channel === "INSTAGRAM")).toMatchObject({ inbound: 2, outbound: 2 });
    const week = await staff.stats.customer({ customerId: a.customerId, range: "7d" });
    expect(week.series).toHaveLength(7);
    expect(week.totals).toEqual({ inbound: 3, outbound: 4, delivered: 1, failed: 1 });
    expect((await staff.stats.customer({ customerId: a.customerId, range: "7d", channel: "WHATSAPP" })).totals).toEqual({ inbound: 0, outbound: 0, delivered: 0, failed: 0 });

    // Reports for the two- and five-day-old messages arrive now (the older day has no hour rows
    // left): the next run recounts those hours and days.
    await post(a, deliveryReport(a.appId, old, "READ", { at: now }));
    await post(a, deliveryReport(a.appId, older, "FAILED", { at: now }));
    await rollupMessageStats(handle.db, new Date(now.getTime() + 80_000));
    expect((await staff.stats.customer({ customerId: a.customerId, range: "7d" })).totals).toEqual({ inbound: 3, outbound: 4, delivered: 2, failed: 2 });
    const hourRows = await handle.db.execute(sql`select min(bucket) as oldest from message_stats where grain = 'hour'`);
    const oldest = (Array.isArray(hourRows) ? hourRows : (hourRows as { rows: unknown[] }).rows)[0] as { oldest: string | Date };
    expect(now.getTime() - new Date(oldest.oldest).getTime()).toBeLessThan(3 * 24 * HOUR);

    const overview = await staff.stats.overview({ range: "30d" });
    expect(overview.series).toHaveLength(30);
    expect(overview.totals).toMatchObject({ inbound: 4, outbound: 4 });
    expect(overview.channels.find((c) => c.channel === "WHATSAPP")).toMatchObject({ inbound: 1 });
    expect(overview.customers.map((c) => [c.name, c.inbound + c.outbound])).toEqual([
      ["Alpha Bakery", 7],
      ["Beta Outlet", 1],
    ]);
  });

  it("never reads the messages table for a chart (only the rollup)", async () => {
    const [before] = await handle.db.execute(sql`select count(*)::int as n from messages`).then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Array<{ n: number }>);
    await handle.db.delete(messages);
    // The rollup still answers from its own rows until its next run recounts the hours.
    expect(before!.n).toBeGreaterThan(0);
    expect((await staff.stats.customer({ customerId: a.customerId, range: "7d" })).totals.inbound).toBe(3);
  });

  it("an unknown customer is NOT_FOUND", async () => {
    await expect(staff.stats.customer({ customerId: "00000000-0000-4000-8000-000000000000", range: "24h" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
