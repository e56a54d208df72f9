import { describe, expect, it } from "vitest";
import { MAX_WEBHOOKS_PER_APP, REQUIRED_WEBHOOK_TRIGGERS } from "@/server/integrations/sinch/conversation";
import { channelCredentialsFor } from "@/server/integrations/sinch/transform";
import { control, eventually, unique } from "../support";
import { SEEDED, useSinchContext } from "./context";

export function webhooksSuite(): void {
  describe("Conversation webhooks and messages", () => {
    const ctx = useSinchContext();

    it("creates, lists, repairs and deletes a webhook", async () => {
      const conv = ctx().gateway.conversation({ region: "eu" });
      const app = await conv.createApp({ displayName: unique("Hooks") });
      const target = `https://portal.example.test/api/webhooks/sinch/${unique("t")}`;
      const hook = await conv.createWebhook({ appId: app.id, target, triggers: ["MESSAGE_INBOUND"], secret: "a".repeat(32) });
      expect(hook).toMatchObject({ appId: app.id, target, triggers: ["MESSAGE_INBOUND"], hasSecret: true, targetType: "HTTP" });

      const repaired = await conv.updateWebhook(hook.id, { appId: hook.appId, target: hook.target, triggers: REQUIRED_WEBHOOK_TRIGGERS });
      expect([...repaired.triggers].sort()).toEqual([...REQUIRED_WEBHOOK_TRIGGERS].sort());
      expect(repaired.target).toBe(target);

      const rotated = await conv.updateWebhook(hook.id, { appId: hook.appId, target: hook.target, secret: "b".repeat(32) });
      expect(rotated.hasSecret).toBe(true);
      const stored = await control<{ webhooks: Array<{ id: string; secret?: string }> }>("GET", `/_emulator/sinch/apps/${app.id}/webhooks`);
      expect(stored.webhooks.find((w) => w.id === hook.id)?.secret).toBe("b".repeat(32));

      expect((await conv.listWebhooks(app.id)).map((w) => w.id)).toEqual([hook.id]);
      await conv.deleteWebhook(hook.id);
      expect(await conv.listWebhooks(app.id)).toEqual([]);
    });

    it("explains a duplicate target (S10) and the 5-webhook limit (S9)", async () => {
      const conv = ctx().gateway.conversation({ region: "us" });
      const app = await conv.createApp({ displayName: unique("Limits") });
      const target = (i: number) => `https://portal.example.test/hook/${i}`;
      for (let i = 0; i < MAX_WEBHOOKS_PER_APP; i++) {
        await conv.createWebhook({ appId: app.id, target: target(i), triggers: REQUIRED_WEBHOOK_TRIGGERS, secret: "s".repeat(32) });
      }
      await expect(conv.createWebhook({ appId: app.id, target: target(0), triggers: ["MESSAGE_INBOUND"], secret: "x".repeat(32) })).rejects.toMatchObject({
        code: "conflict",
        reason: "duplicate_target",
        httpStatus: 400,
        vendorStatus: "INVALID_ARGUMENT",
      });
      await expect(conv.createWebhook({ appId: app.id, target: target(99), triggers: ["MESSAGE_INBOUND"], secret: "x".repeat(32) })).rejects.toMatchObject({
        code: "invalid_argument",
        reason: "webhook_limit",
      });
    });

    it("sends a message and the emulator records it", async () => {
      const conv = ctx().gateway.conversation({ region: "eu" });
      const app = await conv.createApp({
        displayName: unique("Send"),
        credentials: [channelCredentialsFor({ channel: "MESSENGER", pageAccessToken: ctx().pageTokens[SEEDED.bakeryPage]! })],
      });
      await eventually(() => conv.getApp(app.id), (a) => a.credentials[0]?.status === "ACTIVE");
      const sent = await conv.sendMessage({
        appId: app.id,
        recipient: { channelIdentities: [{ channel: "MESSENGER", identity: "psid-123" }] },
        message: { text_message: { text: "Hello from the contract test" } },
        channelPriorityOrder: ["MESSENGER"],
        messageMetadata: "order-42",
      });
      expect(sent.messageId).toMatch(/\S/);
      expect(sent.acceptedAt).toBeInstanceOf(Date);
      const log = await control<{ messages: Array<{ messageId: string }> }>("GET", `/_emulator/sinch/apps/${app.id}/messages`);
      expect(log.messages.map((m) => m.messageId)).toContain(sent.messageId);

      await expect(
        conv.sendMessage({ appId: app.id, recipient: { channelIdentities: [] }, message: { text_message: { text: "x" } } }),
      ).rejects.toMatchObject({ code: "invalid_argument" });
    });
  });
}
