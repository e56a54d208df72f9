import { beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { missingScopes, scopeCoversAsset } from "@/server/integrations/meta/transform";
import { META_APP_ID, metaGraph } from "../support";
import { buildMetaWorld, loginCode, mintToken, type MetaWorld } from "./world";

/** The wizard's Embedded Signup extras: the signup joins the configured Multi-Partner Solution. */
const ES_EXTRAS = JSON.stringify({ setup: { solutionID: env.META_SOLUTION_ID }, featureType: "", sessionInfoVersion: "3" });

const WA_SCOPES = ["whatsapp_business_management", "whatsapp_business_messaging", "business_management"];

export function whatsappSuite(): void {
  describe("Meta WhatsApp: Embedded Signup back end", () => {
    let world: MetaWorld;
    let businessToken: string;
    beforeAll(async () => {
      world = await buildMetaWorld();
      businessToken = (await mintToken({ userId: world.userId, type: "SYSTEM_USER", channel: "whatsapp", businessId: world.businessId, wabaIds: [world.wabaId] })).access_token;
    });

    it("exchanges an ES code and checks the WABA is in granular_scopes (M13)", async () => {
      const graph = metaGraph();
      const code = await loginCode({
        userId: world.userId,
        configId: "emu-config-whatsapp",
        permissions: WA_SCOPES,
        extra: { extras: ES_EXTRAS, es_business: world.businessId, es_waba: world.wabaId, es_phone: world.phones.good, es_share_waba: "yes" },
      });
      const token = await graph.exchangeCode(code);
      const info = await graph.debugToken(token.accessToken);
      expect(info.type).toBe("SYSTEM_USER");
      expect(scopeCoversAsset(info, "whatsapp_business_management", world.wabaId)).toBe(true);
      expect(scopeCoversAsset(info, "whatsapp_business_management", "1234")).toBe(false);

      // FLB is all-or-nothing: one declined permission leaves nothing granted (M2).
      const partial = await loginCode({
        userId: world.userId,
        configId: "emu-config-whatsapp",
        permissions: WA_SCOPES.slice(0, 2),
        extra: { extras: ES_EXTRAS, es_business: world.businessId, es_waba: world.wabaId, es_phone: world.phones.good, es_share_waba: "yes" },
      });
      const declined = await graph.debugToken((await graph.exchangeCode(partial)).accessToken);
      expect(missingScopes(declined, WA_SCOPES)).toEqual(WA_SCOPES);
    });

    it("lists phone numbers across pages and reads one number's health", async () => {
      const graph = metaGraph();
      const numbers = await graph.getWabaPhoneNumbers(world.wabaId, businessToken);
      expect(numbers.map((n) => n.id).sort()).toEqual(Object.values(world.phones).sort());
      const good = await graph.getPhoneNumber(world.phones.good, businessToken);
      expect(good).toMatchObject({ id: world.phones.good, status: "CONNECTED", nameStatus: "APPROVED", codeVerificationStatus: "VERIFIED", qualityRating: "GREEN" });
    });

    it("subscribes the app to the WABA (M11)", async () => {
      const graph = metaGraph();
      await graph.subscribeApp(world.wabaId, businessToken);
      expect((await graph.getSubscribedApps(world.wabaId, businessToken)).map((s) => s.appId)).toEqual([META_APP_ID]);
    });

    it("registers a number with a PIN and local storage; a PIN mismatch is classified (M12)", async () => {
      const graph = metaGraph();
      await graph.registerPhoneNumber(world.phones.unregistered, businessToken, { pin: "123456", dataLocalizationRegion: "DE" });
      const after = await graph.getPhoneNumber(world.phones.unregistered, businessToken, ["id", "status"]);
      expect(after.status).toBe("CONNECTED");
      const err = await graph.registerPhoneNumber(world.phones.unregistered, businessToken, { pin: "654321" }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "invalid_argument", vendorCode: 133005 });
      expect(JSON.stringify(err)).not.toContain("654321");
    });

    it("a WABA not shared at login answers asset_not_shared (100/33)", async () => {
      const narrow = await mintToken({ userId: world.userId, type: "SYSTEM_USER", channel: "whatsapp", businessId: world.businessId, wabaIds: [] });
      await expect(metaGraph().getWabaPhoneNumbers(world.wabaId, narrow.access_token)).rejects.toMatchObject({
        code: "asset_not_shared",
        vendorCode: 100,
        vendorSubcode: 33,
        fbtraceId: expect.stringMatching(/\S/),
      });
    });
  });
}
