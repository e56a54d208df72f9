import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conv, createApp, igCred, startHarness, startReceiver, waitFor, type Harness } from "./sinch-harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../../shared/fixtures/sinch-callbacks/${name}`, import.meta.url), "utf8"));

/** Same keys at every object level (values differ: ids, times, urls). */
function shapeOf(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(shapeOf);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shapeOf(x)]));
  return typeof v;
}

describe("control API", () => {
  it("serves the HTML page and the clock", async () => {
    const page = await fetch(`${h.url}/_emulator`);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("/_emulator/callbacks/log");
    const before = await h.control("GET", "/_emulator/clock");
    const after = await h.control("POST", "/_emulator/clock/advance", { ms: 60_000 });
    expect(after.offsetMs - before.offsetMs).toBe(60_000);
    expect((await h.call("POST", "/_emulator/clock/advance", { ms: "soon" }, null)).status).toBe(400);
  });

  it("inbound kinds produce the Instagram fixture shapes (no trigger field)", async () => {
    const rx = await startReceiver();
    try {
      const app = await createApp(h, "eu", [igCred()]);
      await h.call("POST", `${conv("eu")}/webhooks`, { app_id: app.id, target: rx.url, triggers: ["MESSAGE_INBOUND", "UNSUPPORTED"], secret: "x".repeat(24) });
      const kinds: Array<[Record<string, unknown>, string]> = [
        [{ kind: "text", text: "Hello" }, "inbound-text.json"],
        [{ kind: "media", url: "https://cdn.example/a.jpg" }, "inbound-media.json"],
        [{ kind: "choice_response", messageId: "01F6ZMTJNTSRF50T4EDNBX08HJ", postbackData: "choice_yes" }, "inbound-choice-response.json"],
        [{ kind: "story_reply", url: "https://cdn.example/s.jpg", text: "Story reply text" }, "inbound-story-reply.json"],
        [{ kind: "story_mention", url: "https://cdn.example/m.jpg" }, "inbound-story-mention.json"],
      ];
      // One at a time: callbacks are unordered, and each fixture is matched by position.
      for (const [i, [input]] of kinds.entries()) {
        await h.control("POST", `/_emulator/sinch/apps/${app.id}/inbound`, { channel: "INSTAGRAM", identity: "3964920326927846", ...input });
        await waitFor(() => (rx.received.length >= i + 1 ? true : undefined));
      }
      const byMsg = rx.received.filter((r) => r.body.message).map((r) => r.body);
      kinds.forEach(([, file], i) => {
        const want = fixture(file);
        const got = byMsg[i];
        expect(got.trigger).toBeUndefined();
        expect(shapeOf(got.message.contact_message)).toEqual(shapeOf(want.message.contact_message));
        for (const k of Object.keys(want.message)) expect(got.message).toHaveProperty(k);
        for (const k of Object.keys(want)) expect(got).toHaveProperty(k);
      });
      expect(byMsg[4].message.contact_message.media_message.thumbnail_url).toBe("");
      const share = await h.control("POST", `/_emulator/sinch/apps/${app.id}/inbound`, { channel: "INSTAGRAM", identity: "x", kind: "media_share", url: "https://cdn.example/p.jpg" });
      expect(share.body.message.contact_message).toEqual({ media_message: { url: "https://cdn.example/p.jpg" } });
      const priv = await h.control("POST", `/_emulator/sinch/apps/${app.id}/inbound`, { channel: "INSTAGRAM", identity: "x", kind: "story_mention", fromPrivateAccount: true });
      expect(priv.delivered).toBe(false);
      const uns = await h.control("POST", `/_emulator/sinch/apps/${app.id}/inbound`, { channel: "INSTAGRAM", identity: "x", kind: "unsupported" });
      expect(Object.keys(uns.body)).toContain("unsupported_callback");
      const bad = await h.call("POST", `/_emulator/sinch/apps/${app.id}/inbound`, { channel: "INSTAGRAM", identity: "x", kind: "hologram" }, null);
      expect(bad.status).toBe(400);
    } finally {
      await rx.close();
    }
  });

  it("lists every app in every region with webhook secrets", async () => {
    const a = await createApp(h, "us");
    const b = await createApp(h, "br");
    await h.call("POST", `${conv("br")}/webhooks`, { app_id: b.id, target: "https://x.example/", triggers: ["MESSAGE_INBOUND"], secret: "visible-secret-123456789" });
    const all = (await h.control("GET", "/_emulator/sinch/apps")).apps;
    expect(all.find((x: any) => x.id === a.id).region).toBe("us");
    expect(all.find((x: any) => x.id === b.id).webhooks[0].secret).toBe("visible-secret-123456789");
  });

  it("faults can be listed and cleared; reset restores the default world", async () => {
    await h.control("POST", "/_emulator/faults", { key: "sinch.apps.list", status: 500, count: 3 });
    expect((await h.control("GET", "/_emulator/faults")).faults).toHaveLength(1);
    await h.control("DELETE", "/_emulator/faults");
    expect((await h.control("GET", "/_emulator/faults")).faults).toEqual([]);
    const app = await createApp(h, "eu");
    await h.control("POST", "/_emulator/faults", { key: "sinch.apps.list", status: 500 });
    await h.control("POST", "/_emulator/reset");
    expect((await h.control("GET", "/_emulator/clock")).offsetMs).toBe(0);
    expect((await h.control("GET", "/_emulator/faults")).faults).toEqual([]);
    expect((await h.call("GET", `${conv("eu")}/apps/${app.id}`)).status).toBe(404);
    expect((await h.control("GET", "/_emulator/sinch/projects")).projects.map((p: any) => p.id)).toEqual(["emu-parent-project"]);
  });
});
