import { describe, expect, it } from "vitest";
import {
  channelCredentialsFor,
  mergeCredentials,
  removeCredential,
  toApp,
  toChannelInfo,
  toSender,
  toSentMessage,
  toSubproject,
  toWebhook,
} from "@/server/integrations/sinch/transform";
import type { WireChannelCredential } from "@/server/integrations/sinch/types";

const recordedApp = {
  id: "01HAPP0000000000000000000",
  display_name: "Acme Shop",
  processing_mode: "CONVERSATION",
  rate_limits: { inbound: 25, outbound: 25, webhooks: 25 },
  channel_credentials: [
    { channel: "INSTAGRAM", callback_secret: "", state: { status: "ACTIVE" }, channel_known_id: "17841400000000000", instagram_credentials: { business_account_id: "17841400000000000" } },
    { channel: "MESSENGER", state: { status: "FAILING", description: "Error validating access token (#190)" }, static_token: {} },
    { channel: "WHATSAPP", state: { status: "PENDING" } },
  ],
};

describe("toApp", () => {
  it("maps a recorded AppResponse to the domain App", () => {
    expect(toApp(recordedApp, "eu")).toEqual({
      id: "01HAPP0000000000000000000",
      displayName: "Acme Shop",
      region: "eu",
      processingMode: "CONVERSATION",
      credentials: [
        { channel: "INSTAGRAM", status: "ACTIVE", knownId: "17841400000000000" },
        { channel: "MESSENGER", status: "FAILING", description: "Error validating access token (#190)" },
        { channel: "WHATSAPP", status: "PENDING" },
      ],
    });
  });

  it("keeps unknown statuses verbatim and survives a display name the SDK revived as a Date", () => {
    const app = toApp({ id: "a", display_name: new Date("2025-01-01T00:00:00Z") as unknown as string, channel_credentials: [{ channel: "SMS", state: { status: "SOMETHING_NEW" } }] }, "us");
    expect(app.displayName).toBe("2025-01-01T00:00:00.000Z");
    expect(app.credentials[0]?.status).toBe("SOMETHING_NEW");
  });
});

describe("toWebhook", () => {
  it("exposes only whether a secret exists", () => {
    const hook = toWebhook({ id: "w1", app_id: "a1", target: "https://portal.example/api/sinch", target_type: "HTTP", secret: "s3cr3t", triggers: ["MESSAGE_INBOUND"] });
    expect(hook).toEqual({ id: "w1", appId: "a1", target: "https://portal.example/api/sinch", targetType: "HTTP", triggers: ["MESSAGE_INBOUND"], hasSecret: true });
    expect(JSON.stringify(hook)).not.toContain("s3cr3t");
    expect(toWebhook({ id: "w2", app_id: "a1", target: "x", triggers: [] }).hasSecret).toBe(false);
  });
});

describe("toSentMessage", () => {
  it("accepts both ISO strings and revived Dates", () => {
    expect(toSentMessage({ message_id: "m1", accepted_time: "2025-02-03T04:05:06.000Z" }).acceptedAt?.toISOString()).toBe("2025-02-03T04:05:06.000Z");
    expect(toSentMessage({ message_id: "m1", accepted_time: new Date(0) }).acceptedAt?.getTime()).toBe(0);
    expect(toSentMessage({ message_id: "m1" }).acceptedAt).toBeNull();
  });
});

describe("Provisioning / Subprojects transforms", () => {
  it("maps a recorded sender", () => {
    const sender = toSender({
      id: "sender-1",
      region: "EU",
      metaLocalStorage: "DE",
      businessManager: "SINCH_UK",
      state: "ACTIVE",
      changes: { status: "REJECTED", details: [{ reason: "name" }] },
      // Provisioning API sender object example: "bearerToken": "aaaaAAAA.bbbbBBBB.ccccCCCC".
      bearerToken: "aaaaAAAA.bbbbBBBB.ccccCCCC",
      details: { displayName: "Acme", wabaId: "11111111111111", phoneNumberId: "222222222222222" },
    });
    expect(sender).toEqual({
      id: "sender-1",
      state: "ACTIVE",
      region: "EU",
      metaLocalStorage: "DE",
      wabaId: "11111111111111",
      phoneNumberId: "222222222222222",
      displayName: "Acme",
      businessManager: "SINCH_UK",
      changes: { status: "REJECTED", details: [{ reason: "name" }] },
      bearerToken: "aaaaAAAA.bbbbBBBB.ccccCCCC",
    });
    expect(toSender({ id: "s2" })).toMatchObject({ state: "UNRECOGNIZED", bearerToken: null });
    expect(toSender({ id: "s3", bearerToken: "" }).bearerToken).toBeNull();
  });

  it("maps channel info and subprojects", () => {
    expect(toChannelInfo({ status: "FAILING", statusDescription: "token expired", id: "1784", username: "acme" })).toEqual({
      status: "FAILING",
      statusDescription: "token expired",
      accountId: "1784",
      name: null,
      username: "acme",
    });
    const sp = toSubproject({ subprojectId: "sp1", displayName: "Customer A", parentProjectId: "p", labels: { customer: "a" }, createTime: "2025-01-01T00:00:00Z", deleted: false });
    expect(sp.id).toBe("sp1");
    expect(sp.createdAt?.toISOString()).toBe("2025-01-01T00:00:00.000Z");
    expect(sp.updatedAt).toBeNull();
  });
});

describe("channelCredentialsFor", () => {
  it("builds the three request shapes of sinch.md section 4", () => {
    expect(channelCredentialsFor({ channel: "MESSENGER", pageAccessToken: "PAGE_TOKEN" })).toEqual({ channel: "MESSENGER", static_token: { token: "PAGE_TOKEN" } });
    expect(channelCredentialsFor({ channel: "INSTAGRAM", pageAccessToken: "PAGE_TOKEN", instagramBusinessAccountId: "1784", callbackSecret: "appsecret" })).toEqual({
      channel: "INSTAGRAM",
      instagram_credentials: { token: "PAGE_TOKEN", business_account_id: "1784" },
      callback_secret: "appsecret",
    });
    expect(channelCredentialsFor({ channel: "WHATSAPP", senderId: "sender-1", senderBearerToken: "BEARER" })).toEqual({
      channel: "WHATSAPP",
      static_bearer: { claimed_identity: "sender-1", token: "BEARER" },
    });
  });
});

describe("mergeCredentials (replace-whole rule)", () => {
  const messenger: WireChannelCredential = { channel: "MESSENGER", static_token: { token: "old-page" } };
  const instagram: WireChannelCredential = { channel: "INSTAGRAM", instagram_credentials: { token: "ig-page", business_account_id: "1784" } };
  const whatsapp: WireChannelCredential = { channel: "WHATSAPP", static_bearer: { claimed_identity: "s1", token: "b1" } };

  it("replaces only the named channel in place and keeps the others untouched, in priority order", () => {
    const replacement = channelCredentialsFor({ channel: "MESSENGER", pageAccessToken: "new-page" });
    const merged = mergeCredentials([whatsapp, messenger, instagram], replacement);
    expect(merged).toEqual([whatsapp, { channel: "MESSENGER", static_token: { token: "new-page" } }, instagram]);
  });

  it("appends a channel that was not there", () => {
    expect(mergeCredentials([messenger], whatsapp)).toEqual([messenger, whatsapp]);
  });

  it("drops response-only fields and stale duplicates", () => {
    const withState = { ...messenger, state: { status: "ACTIVE" }, channel_known_id: "123" };
    const merged = mergeCredentials([withState, instagram, { ...messenger }], { ...messenger, static_token: { token: "x" } });
    expect(merged).toEqual([{ channel: "MESSENGER", static_token: { token: "x" } }, instagram]);
  });

  it("does not mutate its inputs", () => {
    const existing = [messenger, instagram];
    const snapshot = JSON.stringify(existing);
    mergeCredentials(existing, { channel: "INSTAGRAM", instagram_credentials: { token: "n", business_account_id: "1" } });
    expect(JSON.stringify(existing)).toBe(snapshot);
  });

  it("removeCredential rebuilds the array without one channel", () => {
    expect(removeCredential([messenger, instagram, whatsapp], "INSTAGRAM")).toEqual([messenger, whatsapp]);
  });
});
