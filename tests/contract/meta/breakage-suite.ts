import { beforeEach, describe, expect, it } from "vitest";
import { IntegrationError } from "@/server/integrations/errors";
import { control, metaGraph } from "../support";
import { buildMetaWorld, mintToken, type MetaWorld } from "./world";

/** Each case breaks its own fresh world, so the order of cases does not matter. */
export function breakageSuite(): void {
  describe("Meta token breakage and failures (M7 and friends)", () => {
    let world: MetaWorld;
    let userToken: string;
    let pageToken: string;
    let pageId: string;
    beforeEach(async () => {
      world = await buildMetaWorld();
      pageId = world.directPages[0]!;
      const minted = await mintToken({ userId: world.userId, channel: "messenger" });
      userToken = minted.access_token;
      pageToken = minted.page_tokens[pageId]!;
      expect((await metaGraph().getPage(pageId, pageToken)).id).toBe(pageId);
    });

    it("password change → 190/460 password_changed on user and Page tokens", async () => {
      await control("POST", `/_emulator/meta/users/${world.userId}/password-change`);
      const graph = metaGraph();
      await expect(graph.getPage(pageId, pageToken)).rejects.toMatchObject({ code: "password_changed", vendorCode: 190, vendorSubcode: 460, retryable: false });
      await expect(graph.listPages(userToken)).rejects.toMatchObject({ code: "password_changed" });
      const info = await graph.debugToken(pageToken);
      expect(info.isValid).toBe(false);
      expect(info.error).toEqual({ code: 190, subcode: 460 });
    });

    it("app removed → 190/458 app_removed", async () => {
      await control("POST", "/_emulator/meta/apps/remove", { userId: world.userId });
      await expect(metaGraph().getPermissions(userToken)).rejects.toMatchObject({ code: "app_removed", vendorSubcode: 458 });
    });

    it("Page role removed → 190/492 role_removed", async () => {
      await control("POST", `/_emulator/meta/pages/${pageId}/remove-role`, { userId: world.userId });
      await expect(metaGraph().getPage(pageId, pageToken)).rejects.toMatchObject({ code: "role_removed", vendorSubcode: 492 });
    });

    it("expired user token → 190/463 token_expired", async () => {
      await control("POST", `/_emulator/meta/tokens/${encodeURIComponent(userToken)}/expire`);
      await expect(metaGraph().getPermissions(userToken)).rejects.toMatchObject({ code: "token_expired", vendorSubcode: 463 });
    });

    it("a Page not shared at login → 100/33 asset_not_shared; a missing permission → scope_missing", async () => {
      const narrow = await mintToken({ userId: world.userId, channel: "messenger", pageIds: [world.directPages[1]!] });
      await expect(metaGraph().getPage(pageId, narrow.access_token)).rejects.toMatchObject({ code: "asset_not_shared", vendorCode: 100, vendorSubcode: 33 });

      const noMetadata = await mintToken({ userId: world.userId, channel: "messenger", scopes: ["pages_messaging", "pages_show_list"] });
      await expect(metaGraph().subscribeApp(pageId, noMetadata.page_tokens[pageId]!, ["messages"])).rejects.toMatchObject({ code: "scope_missing" });
    });

    it("retries Graph 500s and surfaces exhausted rate limits", async () => {
      await control("POST", "/_emulator/faults", { key: "meta.me.accounts", status: 500, count: 2 });
      expect((await metaGraph().listPages(userToken)).length).toBeGreaterThan(0);

      await control("POST", "/_emulator/faults", { key: "meta.debug_token", status: 429, count: 3 });
      await expect(metaGraph().debugToken(userToken)).rejects.toMatchObject({ code: "rate_limited", vendorCode: 4, retryable: true });
    });

    it("an unreachable Graph host is a network error without the token in it", async () => {
      const graph = metaGraph({ graphUrl: "http://127.0.0.1:9/graph", retry: { maxAttempts: 1 } });
      const err = await graph.getPermissions(userToken).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IntegrationError);
      expect(err).toMatchObject({ code: "network", service: "meta" });
      expect(JSON.stringify(err) + String(err)).not.toContain(userToken);
    });
  });
}
