import { describe, expect, it } from "vitest";
import {
  dedupePages,
  missingScopes,
  scopeCoversAsset,
  toAccessToken,
  toDebugToken,
  toPage,
  toPermissions,
  toPhoneNumber,
  toSubscribedApp,
} from "@/server/integrations/meta/transform";

// Recorded from meta.md section 5.
const recordedDebugToken = {
  data: {
    app_id: "100000000000001",
    type: "USER",
    is_valid: true,
    expires_at: 0,
    data_access_expires_at: 1767225600,
    scopes: ["pages_messaging", "pages_show_list", "whatsapp_business_management"],
    granular_scopes: [
      { scope: "pages_messaging", target_ids: ["111"] },
      { scope: "whatsapp_business_management", target_ids: ["waba-1"] },
      { scope: "pages_show_list" },
    ],
    user_id: "u1",
  },
};

describe("toDebugToken", () => {
  it("maps the recorded payload; expires_at 0 means no expiry; missing target_ids means all", () => {
    const t = toDebugToken(recordedDebugToken);
    expect(t.isValid).toBe(true);
    expect(t.type).toBe("USER");
    expect(t.expiresAt).toBeNull();
    expect(t.dataAccessExpiresAt?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(t.granularScopes).toEqual([
      { scope: "pages_messaging", targetIds: ["111"] },
      { scope: "whatsapp_business_management", targetIds: ["waba-1"] },
      { scope: "pages_show_list", targetIds: "all" },
    ]);
    expect(scopeCoversAsset(t, "whatsapp_business_management", "waba-1")).toBe(true);
    expect(scopeCoversAsset(t, "whatsapp_business_management", "waba-2")).toBe(false);
    expect(scopeCoversAsset(t, "pages_show_list", "anything")).toBe(true);
    expect(scopeCoversAsset(t, "instagram_basic", "x")).toBe(false);
    expect(missingScopes(t, ["pages_messaging", "pages_manage_metadata"])).toEqual(["pages_manage_metadata"]);
  });

  it("maps an invalid token answer (200 with data.error)", () => {
    const t = toDebugToken({ data: { is_valid: false, expires_at: 1700000000, error: { code: 190, subcode: 460, message: "x" }, scopes: [] } });
    expect(t.isValid).toBe(false);
    expect(t.expiresAt?.getTime()).toBe(1700000000 * 1000);
    expect(t.error).toEqual({ code: 190, subcode: 460 });
  });
});

describe("toAccessToken", () => {
  it("computes expiry from expires_in and leaves it null when absent", () => {
    const now = new Date("2025-01-01T00:00:00Z");
    expect(toAccessToken({ access_token: "a", token_type: "bearer", expires_in: 5184000 }, now).expiresAt?.toISOString()).toBe("2025-03-02T00:00:00.000Z");
    expect(toAccessToken({ access_token: "a" }, now)).toEqual({ accessToken: "a", tokenType: null, expiresAt: null });
  });
});

describe("pages", () => {
  it("maps /me/accounts entries and dedupes by id, first source wins, gaps filled", () => {
    const direct = toPage({ id: "p1", name: "Shop", access_token: "PT1", tasks: ["MANAGE", "MESSAGING"] }, "direct");
    const owned = toPage({ id: "p1", name: "Shop", instagram_business_account: { id: "ig1" }, tasks: [] }, "business_owned", "b1");
    const client = toPage({ id: "p2", name: "Client page", access_token: "PT2", tasks: ["MODERATE"] }, "business_client", "b1");
    expect(dedupePages([direct, owned, client])).toEqual([
      { id: "p1", name: "Shop", accessToken: "PT1", tasks: ["MANAGE", "MESSAGING"], instagramBusinessAccountId: "ig1", source: "direct", businessId: null },
      { id: "p2", name: "Client page", accessToken: "PT2", tasks: ["MODERATE"], instagramBusinessAccountId: null, source: "business_client", businessId: "b1" },
    ]);
  });

  it("maps permissions", () => {
    expect(toPermissions({ data: [{ permission: "pages_messaging", status: "granted" }, { permission: "business_management", status: "declined" }, {}] })).toEqual([
      { permission: "pages_messaging", status: "granted" },
      { permission: "business_management", status: "declined" },
    ]);
  });
});

describe("subscribed apps and phone numbers", () => {
  it("reads Page and WABA subscription shapes", () => {
    expect(toSubscribedApp({ id: "100000000000001", name: "Portal", subscribed_fields: ["messages"] })).toEqual({
      appId: "100000000000001",
      name: "Portal",
      subscribedFields: ["messages"],
      overrideCallbackUri: null,
    });
    expect(toSubscribedApp({ whatsapp_business_api_data: { id: "sinch-app", name: "Sinch" }, override_callback_uri: "https://x" })).toEqual({
      appId: "sinch-app",
      name: "Sinch",
      subscribedFields: [],
      overrideCallbackUri: "https://x",
    });
  });

  it("maps a phone number health read", () => {
    expect(
      toPhoneNumber({
        id: "ph1",
        display_phone_number: "+49 30 1234",
        verified_name: "Acme",
        status: "CONNECTED",
        name_status: "APPROVED",
        code_verification_status: "VERIFIED",
        quality_rating: "GREEN",
        platform_type: "CLOUD_API",
        throughput: { level: "STANDARD" },
        storage_configuration: { status: "in_country_storage_enabled", data_localization_region: "DE" },
      }),
    ).toEqual({
      id: "ph1",
      displayPhoneNumber: "+49 30 1234",
      verifiedName: "Acme",
      status: "CONNECTED",
      nameStatus: "APPROVED",
      codeVerificationStatus: "VERIFIED",
      qualityRating: "GREEN",
      platformType: "CLOUD_API",
      throughputLevel: "STANDARD",
      dataLocalizationRegion: "DE",
    });
  });
});
