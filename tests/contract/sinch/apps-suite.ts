import { describe, expect, it } from "vitest";
import { IntegrationError } from "@/server/integrations/errors";
import { channelCredentialsFor, mergeCredentials } from "@/server/integrations/sinch/transform";
import { eventually, unique } from "../support";
import { SEEDED, useSinchContext } from "./context";

export function appsSuite(): void {
  describe("Conversation apps and channel credentials", () => {
    const ctx = useSinchContext();

    it("creates an app in CONVERSATION mode on its region; it exists only there", async () => {
      const eu = ctx().gateway.conversation({ region: "eu" });
      const app = await eu.createApp({ displayName: unique("Acme EU") });
      expect(app.region).toBe("eu");
      expect(app.processingMode).toBe("CONVERSATION");
      expect(app.credentials).toEqual([]);

      expect((await eu.getApp(app.id)).id).toBe(app.id);
      expect((await eu.listApps()).map((a) => a.id)).toContain(app.id);
      expect((await ctx().gateway.conversation({ region: "us" }).listApps()).map((a) => a.id)).not.toContain(app.id);

      const wrong = ctx().gateway.conversation({ region: "us" });
      await expect(wrong.getApp(app.id)).rejects.toMatchObject({ code: "not_found", httpStatus: 404, vendorStatus: "NOT_FOUND" });
      await expect(wrong.getApp(app.id, { regionSensitive: true })).rejects.toMatchObject({ code: "not_found_in_region" });

      const probe = await ctx().gateway.probeRegions(app.id);
      expect(probe.found).toEqual(["eu"]);
      expect(probe.probes.map((p) => p.outcome).sort()).toEqual(["absent", "absent", "found"]);
    });

    it("sets the full credential array; Messenger goes PENDING → ACTIVE", async () => {
      const conv = ctx().gateway.conversation({ region: "us" });
      const app = await conv.createApp({ displayName: unique("Acme creds") });
      const messenger = channelCredentialsFor({ channel: "MESSENGER", pageAccessToken: ctx().pageTokens[SEEDED.bakeryPage]! });
      const updated = await conv.setChannelCredentials(app.id, [messenger]);
      expect(updated.credentials).toHaveLength(1);
      expect(["PENDING", "ACTIVE"]).toContain(updated.credentials[0]?.status);
      const active = await eventually(() => conv.getApp(app.id), (a) => a.credentials[0]?.status === "ACTIVE");
      expect(active.credentials[0]).toMatchObject({ channel: "MESSENGER", status: "ACTIVE" });

      // Replace-whole: adding Instagram rebuilds the array from our own copies and keeps Messenger.
      const instagram = channelCredentialsFor({
        channel: "INSTAGRAM",
        pageAccessToken: ctx().pageTokens[SEEDED.bakeryPage]!,
        instagramBusinessAccountId: SEEDED.bakeryIg,
      });
      const both = await conv.setChannelCredentials(app.id, mergeCredentials([messenger], instagram));
      expect(both.credentials.map((c) => c.channel)).toEqual(["MESSENGER", "INSTAGRAM"]);
      const settled = await eventually(() => conv.getApp(app.id), (a) => a.credentials.every((c) => c.status === "ACTIVE"));
      expect(settled.credentials.map((c) => c.status)).toEqual(["ACTIVE", "ACTIVE"]);
      expect(settled.credentials[1]?.knownId).toBe(SEEDED.bakeryIg);
    });

    it("reports FAILING with a description for a bad token (catalogue S12)", async () => {
      const conv = ctx().gateway.conversation({ region: "br" });
      const app = await conv.createApp({
        displayName: unique("Acme bad"),
        credentials: [channelCredentialsFor({ channel: "MESSENGER", pageAccessToken: "not-a-real-page-token" })],
      });
      const failing = await eventually(() => conv.getApp(app.id), (a) => a.credentials[0]?.status === "FAILING");
      expect(failing.credentials[0]?.status).toBe("FAILING");
      expect(failing.credentials[0]?.description).toMatch(/\S/);
    });

    it("rejects an invalid create with invalid_argument and deletes apps", async () => {
      const conv = ctx().gateway.conversation({ region: "eu" });
      const err = await conv.createApp({ displayName: "" }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IntegrationError);
      expect(err).toMatchObject({ code: "invalid_argument", httpStatus: 400, retryable: false });

      const app = await conv.createApp({ displayName: unique("Acme delete") });
      await conv.deleteApp(app.id);
      await expect(conv.getApp(app.id)).rejects.toMatchObject({ code: "not_found" });
    });
  });
}
