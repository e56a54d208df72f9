import { describe, expect, it } from "vitest";
import { channelCredentialsFor } from "@/server/integrations/sinch/transform";
import { control, eventually, unique } from "../support";
import { SEEDED, useSinchContext } from "./context";

export function provisioningSuite(): void {
  describe("Provisioning: WhatsApp senders and channel info", () => {
    const ctx = useSinchContext();

    it("creates a sender that becomes ACTIVE, lists across pages, and deletes it", async () => {
      const prov = ctx().gateway.provisioning;
      const projectId = ctx().project.projectId;
      const created = await prov.createWhatsAppSender(projectId, { region: "EU", metaLocalStorage: "DE", wabaId: SEEDED.waba, phoneNumberId: SEEDED.phone });
      expect(created).toMatchObject({ state: "IN_PROGRESS", region: "EU", metaLocalStorage: "DE", wabaId: SEEDED.waba, phoneNumberId: SEEDED.phone });

      const active = await eventually(() => prov.getWhatsAppSender(projectId, created.id), (s) => s.state === "ACTIVE");
      expect(active.state).toBe("ACTIVE");
      expect(active.businessManager).toBe("SINCH_UK");

      // An unknown phone ends in ERROR with `changes` (catalogue S13).
      const broken = await prov.createWhatsAppSender(projectId, { region: "US", metaLocalStorage: "UNSPECIFIED", wabaId: SEEDED.waba, phoneNumberId: "999999999" });
      const errored = await eventually(() => prov.getWhatsAppSender(projectId, broken.id), (s) => s.state === "ERROR");
      expect(errored.changes?.status).toBe("ERROR");

      await prov.createWhatsAppSender(projectId, { region: "BR", metaLocalStorage: "BR", wabaId: SEEDED.waba, phoneNumberId: SEEDED.phone });
      const all = await prov.listWhatsAppSenders(projectId, { pageSize: 2 });
      expect(all).toHaveLength(3);
      expect((await prov.listWhatsAppSenders(projectId, { filterStates: ["ERROR"] })).map((s) => s.id)).toEqual([broken.id]);

      await prov.deleteWhatsAppSender(projectId, created.id);
      expect((await prov.getWhatsAppSender(projectId, created.id)).state).toBe("INACTIVE");
      await expect(prov.getWhatsAppSender(projectId, "does-not-exist")).rejects.toMatchObject({ code: "not_found", httpStatus: 404 });
    });

    it("attaches an ACTIVE sender to an app as static_bearer", async () => {
      const { gateway, project } = ctx();
      const sender = await gateway.provisioning.createWhatsAppSender(project.projectId, { region: "EU", metaLocalStorage: "UNSPECIFIED", wabaId: SEEDED.waba, phoneNumberId: SEEDED.phone });
      expect(sender.bearerToken).toBeNull();
      const active = await eventually(() => gateway.provisioning.getWhatsAppSender(project.projectId, sender.id), (s) => s.state === "ACTIVE");
      // The ACTIVE sender object carries its bearer token (Provisioning API sender `bearerToken`); the client keeps it.
      const { token } = await control<{ token: string }>("GET", `/_emulator/sinch/senders/${sender.id}/token`);
      expect(active.bearerToken).toBe(token);
      const conv = gateway.conversation({ region: "eu" });
      const app = await conv.createApp({ displayName: unique("WA"), credentials: [channelCredentialsFor({ channel: "WHATSAPP", senderId: sender.id, senderBearerToken: token })] });
      const settled = await eventually(() => conv.getApp(app.id), (a) => a.credentials[0]?.status === "ACTIVE");
      expect(settled.credentials[0]).toMatchObject({ channel: "WHATSAPP", status: "ACTIVE" });
    });

    it("reads the Instagram / Messenger channel info card", async () => {
      const { gateway, project, pageTokens } = ctx();
      const conv = gateway.conversation({ region: "eu" });
      const app = await conv.createApp({
        displayName: unique("Info"),
        credentials: [
          channelCredentialsFor({ channel: "INSTAGRAM", pageAccessToken: pageTokens[SEEDED.bakeryPage]!, instagramBusinessAccountId: SEEDED.bakeryIg }),
          channelCredentialsFor({ channel: "MESSENGER", pageAccessToken: pageTokens[SEEDED.bakeryPage]! }),
        ],
      });
      const info = await eventually(() => gateway.provisioning.getChannelInfo(project.projectId, app.id, "instagram"), (i) => i.status === "ACTIVE");
      expect(info).toMatchObject({ status: "ACTIVE", accountId: SEEDED.bakeryIg });
      expect((await gateway.provisioning.getChannelInfo(project.projectId, app.id, "messenger")).status).toMatch(/ACTIVE|PENDING/);

      const bare = await conv.createApp({ displayName: unique("No IG") });
      await expect(gateway.provisioning.getChannelInfo(project.projectId, bare.id, "instagram")).rejects.toMatchObject({ code: "not_found" });
    });
  });
}
