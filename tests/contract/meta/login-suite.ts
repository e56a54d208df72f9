import { beforeAll, describe, expect, it } from "vitest";
import { PAGE_SUBSCRIBED_FIELDS } from "@/server/integrations/meta/page-subscription";
import { scopeCoversAsset } from "@/server/integrations/meta/transform";
import { META_APP_ID, metaGraph } from "../support";
import { MESSENGER_SCOPES, buildMetaWorld, loginCode, mintToken, type MetaWorld } from "./world";

export function loginSuite(): void {
  describe("Meta login, tokens and Pages", () => {
    let world: MetaWorld;
    beforeAll(async () => {
      world = await buildMetaWorld();
    });

    it("exchanges a JS-SDK code (once), then for a long-lived token, and inspects it", async () => {
      const graph = metaGraph();
      const code = await loginCode({ userId: world.userId, configId: "emu-config-messenger", permissions: MESSENGER_SCOPES, pages: [world.directPages[0]!] });
      const short = await graph.exchangeCode(code);
      expect(short.accessToken).toMatch(/\S/);
      await expect(graph.exchangeCode(code)).rejects.toMatchObject({ service: "meta", vendorCode: 100, vendorSubcode: 36009, code: "invalid_argument" });

      const long = await graph.exchangeLongLived(short.accessToken);
      expect(long.tokenType).toBe("bearer");
      const days = ((long.expiresAt?.getTime() ?? 0) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(59);

      const info = await graph.debugToken(long.accessToken);
      expect(info).toMatchObject({ isValid: true, appId: META_APP_ID, type: "USER" });
      expect(info.scopes).toEqual(expect.arrayContaining(MESSENGER_SCOPES));
      expect(scopeCoversAsset(info, "pages_messaging", world.directPages[0]!)).toBe(true);
      expect(scopeCoversAsset(info, "pages_messaging", world.directPages[1]!)).toBe(false);
      expect(info.dataAccessExpiresAt).toBeInstanceOf(Date);

      const perms = await graph.getPermissions(long.accessToken);
      expect(perms.filter((p) => p.status === "granted").map((p) => p.permission)).toEqual(expect.arrayContaining(MESSENGER_SCOPES));
    });

    it("debugToken reports an invalid input token as data, and a wrong app secret as unauthorized", async () => {
      const info = await metaGraph().debugToken("garbage-token");
      expect(info.isValid).toBe(false);
      const err = await metaGraph({ appSecret: "wrong-app-secret" }).debugToken("garbage-token").catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "unauthorized", vendorCode: 190 });
      expect(JSON.stringify(err) + String(err)).not.toContain("wrong-app-secret");
    });

    it("lists direct, business-owned and client Pages, following paging and deduping (M1)", async () => {
      const { access_token } = await mintToken({ userId: world.userId, channel: "messenger" });
      const pages = await metaGraph().listPages(access_token);
      const byId = new Map(pages.map((p) => [p.id, p]));
      for (const id of [...world.directPages, world.sharedPage]) expect(byId.get(id)?.source).toBe("direct");
      expect(byId.get(world.ownedPage)).toMatchObject({ source: "business_owned", businessId: world.businessId });
      expect(byId.get(world.clientPage)).toMatchObject({ source: "business_client", businessId: world.businessId });
      expect(pages.filter((p) => p.id === world.sharedPage)).toHaveLength(1);
      expect(pages).toHaveLength(6);
      const first = byId.get(world.directPages[0]!);
      expect(first?.accessToken).toMatch(/\S/);
      expect(first?.instagramBusinessAccountId).toBe(world.igId);
      expect(byId.get(world.directPages[2]!)?.tasks).toEqual(["MESSAGING", "ANALYZE"]);
    });

    it("without business_management only direct Pages are listed", async () => {
      const { access_token } = await mintToken({ userId: world.userId, channel: "messenger", scopes: ["pages_messaging", "pages_show_list", "pages_manage_metadata"] });
      const pages = await metaGraph().listPages(access_token);
      expect(pages.map((p) => p.source)).toEqual(["direct", "direct", "direct", "direct"]);
    });

    it("reads the Page's Instagram link and manages subscribed_apps (M3/M4)", async () => {
      const graph = metaGraph();
      const minted = await mintToken({ userId: world.userId, channel: "instagram" });
      const pageId = world.directPages[0]!;
      const pageToken = minted.page_tokens[pageId]!;
      const page = await graph.getPage(pageId, pageToken);
      expect(page).toMatchObject({ id: pageId, name: "Direct 1", instagramBusinessAccountId: world.igId });
      expect(JSON.stringify(page)).not.toContain(pageToken);
      expect((await graph.getPage(world.directPages[1]!, minted.page_tokens[world.directPages[1]!]!)).instagramBusinessAccountId).toBeNull();

      expect(await graph.getSubscribedApps(pageId, pageToken)).toEqual([]);
      // An Instagram login holds no pages_messaging: Messenger's fields are refused with (#200), Instagram's own Page field is not.
      await expect(graph.subscribeApp(pageId, pageToken, PAGE_SUBSCRIBED_FIELDS.MESSENGER)).rejects.toMatchObject({ code: "scope_missing", vendorCode: 200 });
      await graph.subscribeApp(pageId, pageToken, PAGE_SUBSCRIBED_FIELDS.INSTAGRAM);
      const subs = await graph.getSubscribedApps(pageId, pageToken);
      expect(subs).toEqual([expect.objectContaining({ appId: META_APP_ID, subscribedFields: ["feed"] })]);

      const messenger = await mintToken({ userId: world.userId, channel: "messenger" });
      await graph.subscribeApp(pageId, messenger.page_tokens[pageId]!, PAGE_SUBSCRIBED_FIELDS.MESSENGER);
      expect(await graph.getSubscribedApps(pageId, pageToken)).toEqual([expect.objectContaining({ subscribedFields: expect.arrayContaining(["messages", "message_echoes"]) })]);
    });
  });
}
