import { describe, expect, it } from "vitest";
import { IntegrationError } from "@/server/integrations/errors";
import { control, newSinchProject, sinchGateway, unique } from "../support";
import { useSinchContext } from "./context";

async function fault(key: string, status: number, count: number): Promise<void> {
  await control("POST", "/_emulator/faults", { key, status, count });
}

/**
 * Uses the emulator's global switches (faults, clock, subproject flags). It lives in the single Sinch
 * test file so no other Sinch suite runs concurrently with these switches.
 */
export function resilienceSuite(): void {
  describe("Sinch failure handling", () => {
    const ctx = useSinchContext();

    it("uses one token for every region, Provisioning and Subprojects", async () => {
      const project = await newSinchProject();
      const gateway = sinchGateway(project);
      await gateway.conversation({ region: "us" }).listApps();
      await gateway.conversation({ region: "eu" }).listApps();
      await gateway.conversation({ region: "br", projectId: project.projectId }).listApps();
      await gateway.provisioning.listWhatsAppSenders(project.projectId);
      await gateway.subprojects.list();
      expect(gateway.tokens.fetchCount).toBe(1);
    });

    it("retries idempotent calls on 500/429 then succeeds (SDK and fetch clients)", async () => {
      const { gateway, project } = ctx();
      const conv = gateway.conversation({ region: "eu" });
      const app = await conv.createApp({ displayName: unique("Retry") });
      await fault("sinch.apps.get", 500, 2);
      expect((await conv.getApp(app.id)).id).toBe(app.id);
      await fault("sinch.senders.list", 429, 2);
      expect(await gateway.provisioning.listWhatsAppSenders(project.projectId)).toEqual([]);
    });

    it("gives up after max attempts with the last status, and never retries a create", async () => {
      const { gateway } = ctx();
      const conv = gateway.conversation({ region: "br" });
      await fault("sinch.webhooks.list", 503, 3);
      await expect(conv.listWebhooks("any-app")).rejects.toMatchObject({ code: "unavailable", httpStatus: 503, retryable: true });

      await fault("sinch.apps.create", 500, 1);
      await expect(conv.createApp({ displayName: unique("NoRetry") })).rejects.toMatchObject({ code: "unavailable" });
      // The fault was consumed by the single attempt, so the next create goes through.
      expect((await conv.createApp({ displayName: unique("After") })).id).toMatch(/\S/);

      await fault("sinch.token", 429, 3);
      const fresh = sinchGateway(await newSinchProject());
      await expect(fresh.testCredentials()).rejects.toMatchObject({ code: "rate_limited" });
    });

    it("refreshes an expired token once and retries (401 + WWW-Authenticate: expired)", async () => {
      const project = await newSinchProject();
      const gateway = sinchGateway(project);
      const conv = gateway.conversation({ region: "eu" });
      await conv.listApps();
      await gateway.provisioning.listWhatsAppSenders(project.projectId);
      expect(gateway.tokens.fetchCount).toBe(1);
      // The token TTL is 300 s in the contract run; our cache still trusts it by the wall clock.
      await control("POST", "/_emulator/clock/advance", { ms: 301_000 });
      await conv.listApps();
      expect(gateway.tokens.fetchCount).toBe(2);
      await control("POST", "/_emulator/clock/advance", { ms: 301_000 });
      await gateway.provisioning.listWhatsAppSenders(project.projectId);
      expect(gateway.tokens.fetchCount).toBe(3);
    });

    it("reports a wrong access key as unauthorized (S14)", async () => {
      const project = await newSinchProject();
      const gateway = sinchGateway({ ...project, keySecret: "wrong-secret" });
      const err = await gateway.conversation({ region: "us" }).listApps().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IntegrationError);
      expect(err).toMatchObject({ code: "unauthorized", httpStatus: 401, service: "sinch" });
      expect(JSON.stringify((err as IntegrationError).toJSON())).not.toContain("wrong-secret");
    });

    it("creates, lists (paged) and gets subprojects; a young one is not_ready (S15)", async () => {
      const { gateway } = ctx();
      const a = await gateway.subprojects.create({ displayName: "Customer A", labels: { customer: "a" } });
      expect(a).toMatchObject({ displayName: "Customer A", labels: { customer: "a" }, parentProjectId: ctx().project.projectId });
      for (let i = 0; i < 101; i++) await gateway.subprojects.create({ displayName: `Bulk ${i}` });
      const listed = await gateway.subprojects.list();
      expect(listed).toHaveLength(102);
      expect((await gateway.subprojects.get(a.id)).id).toBe(a.id);
      await expect(gateway.subprojects.get("00000000-0000-0000-0000-000000000000")).rejects.toMatchObject({ code: "not_found" });

      await control("POST", "/_emulator/sinch/subprojects/warmup", { ms: 60_000 });
      try {
        const young = await gateway.subprojects.create({ displayName: "Warming up" });
        const conv = gateway.conversation({ region: "eu", projectId: young.id, projectCreatedAt: young.createdAt ?? new Date() });
        await expect(conv.listApps()).rejects.toMatchObject({ code: "not_ready", retryable: true });
      } finally {
        await control("POST", "/_emulator/sinch/subprojects/warmup", { ms: 0 });
      }
      // A ready subproject is a normal project for Conversation calls.
      const apps = await gateway.conversation({ region: "eu", projectId: a.id }).listApps();
      expect(apps).toEqual([]);
    });

    it("reports a disabled Subprojects API as subprojects_not_enabled (S16)", async () => {
      const { gateway } = ctx();
      await control("POST", "/_emulator/sinch/subprojects/disable", { disabled: true });
      try {
        await expect(gateway.subprojects.create({ displayName: "Nope" })).rejects.toMatchObject({ code: "subprojects_not_enabled", httpStatus: 403 });
        await expect(gateway.subprojects.list()).rejects.toMatchObject({ code: "subprojects_not_enabled" });
      } finally {
        await control("POST", "/_emulator/sinch/subprojects/disable", { disabled: false });
      }
    });
  });
}
