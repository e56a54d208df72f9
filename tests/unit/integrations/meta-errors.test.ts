import { describe, expect, it } from "vitest";
import { classifyMetaError, parseGraphError } from "@/server/integrations/meta/errors";
import type { IntegrationErrorCode } from "@/server/integrations/errors";

function graphBody(code: number, subcode?: number, message = "whatever text Meta chose") {
  return { error: { message, type: "OAuthException", code, ...(subcode === undefined ? {} : { error_subcode: subcode }), fbtrace_id: "AbCdEf123" } };
}

// Every code/subcode row of meta.md section 10, then section 11.
const SECTION_10: Array<[number, number | undefined, IntegrationErrorCode]> = [
  [190, undefined, "token_invalid"],
  [190, 458, "app_removed"],
  [190, 459, "token_invalid"],
  [190, 464, "token_invalid"],
  [190, 460, "password_changed"],
  [190, 463, "token_expired"],
  [190, 467, "token_invalid"],
  [190, 492, "role_removed"],
  [10, undefined, "scope_missing"],
  [200, undefined, "scope_missing"],
  [250, undefined, "scope_missing"],
  [299, undefined, "scope_missing"],
  [10, 2018278, "outside_window"],
  [10, 2534022, "outside_window"],
  [10, 2018065, "outside_window"],
  [10, 2018108, "recipient_unreachable"],
  [551, undefined, "recipient_unreachable"],
  [551, 1545041, "recipient_unreachable"],
  [200, 1545041, "recipient_unreachable"],
  [200, 2534041, "ig_messages_disabled"],
  [100, 2018001, "not_found"],
  [100, 2534014, "not_found"],
  [100, 33, "asset_not_shared"],
  [200, 2018028, "app_not_live"],
  [200, 2018027, "app_not_live"],
  [230, undefined, "forbidden"],
  [100, 2018218, "not_found"],
  [10, 1893063, "forbidden"],
  [100, 2534029, "forbidden"],
  [4, undefined, "rate_limited"],
  [17, undefined, "rate_limited"],
  [32, undefined, "rate_limited"],
  [613, undefined, "rate_limited"],
  [613, 2534040, "rate_limited"],
  [1, undefined, "unavailable"],
  [2, undefined, "unavailable"],
  [1200, undefined, "unavailable"],
  [1, 1357046, "unavailable"],
  [100, 2018109, "invalid_argument"],
  [100, 2018047, "invalid_argument"],
  [100, 2018008, "invalid_argument"],
  [100, 2018294, "invalid_argument"],
  [368, undefined, "forbidden"],
  [100, undefined, "invalid_argument"],
];

const SECTION_11: Array<[number, IntegrationErrorCode]> = [
  [131047, "outside_window"],
  [131026, "recipient_unreachable"],
  [131042, "forbidden"],
  [131031, "forbidden"],
  [131037, "not_ready"],
  [131045, "not_ready"],
  [133010, "not_ready"],
  [133005, "invalid_argument"],
  [133006, "not_ready"],
  [133016, "rate_limited"],
  [130429, "rate_limited"],
  [131056, "rate_limited"],
  [131048, "rate_limited"],
  [130497, "forbidden"],
  [132000, "invalid_argument"],
  [132001, "invalid_argument"],
];

describe("classifyMetaError: meta.md section 10", () => {
  it.each(SECTION_10)("code %i / subcode %s → %s", (code, subcode, expected) => {
    const err = classifyMetaError({ operation: "test", httpStatus: 400, body: graphBody(code, subcode) });
    expect(err.code).toBe(expected);
    expect(err.service).toBe("meta");
    expect(err.vendorCode).toBe(code);
    expect(err.vendorSubcode).toBe(subcode);
    expect(err.fbtraceId).toBe("AbCdEf123");
    expect(err.userMessage.length).toBeGreaterThan(10);
  });
});

describe("classifyMetaError: meta.md section 11 (WhatsApp)", () => {
  it.each(SECTION_11)("code %i → %s", (code, expected) => {
    expect(classifyMetaError({ operation: "test", httpStatus: 400, body: graphBody(code) }).code).toBe(expected);
  });
});

describe("classifyMetaError rules", () => {
  it("classifies on code/subcode, never on message text", () => {
    const misleading = graphBody(190, 460, "(#4) rate limit reached, outside of allowed window");
    expect(classifyMetaError({ operation: "t", httpStatus: 400, body: misleading }).code).toBe("password_changed");
  });

  it("classifies on the body, not the HTTP status (190 as 401 or 400)", () => {
    expect(classifyMetaError({ operation: "t", httpStatus: 401, body: graphBody(190, 460) }).code).toBe("password_changed");
    expect(classifyMetaError({ operation: "t", httpStatus: 400, body: graphBody(190, 460) }).code).toBe("password_changed");
  });

  it("marks transient and rate-limit errors retryable, but not 1/1357046 (may have been sent)", () => {
    expect(classifyMetaError({ operation: "t", httpStatus: 500, body: graphBody(2) }).retryable).toBe(true);
    expect(classifyMetaError({ operation: "t", httpStatus: 400, body: graphBody(4) }).retryable).toBe(true);
    expect(classifyMetaError({ operation: "t", httpStatus: 500, body: graphBody(1, 1357046) }).retryable).toBe(false);
    expect(classifyMetaError({ operation: "t", httpStatus: 400, body: graphBody(190) }).retryable).toBe(false);
  });

  it("falls back on the HTTP status when there is no Graph envelope", () => {
    expect(classifyMetaError({ operation: "t", httpStatus: 503, body: undefined }).code).toBe("unavailable");
    expect(classifyMetaError({ operation: "t", httpStatus: 429, body: "<html>" }).code).toBe("rate_limited");
    expect(classifyMetaError({ operation: "t", httpStatus: 418, body: {} }).code).toBe("unknown");
  });

  it("scrubs secrets from the vendor message and never puts them in the error message", () => {
    const err = classifyMetaError({
      operation: "meta.debug_token",
      httpStatus: 400,
      body: graphBody(190, undefined, "token EAAGsecret-token-value is invalid"),
      secrets: ["EAAGsecret-token-value"],
    });
    expect(err.vendorMessage).toBe("token [redacted] is invalid");
    expect(err.message).not.toContain("EAAG");
    expect(JSON.stringify(err.toJSON())).not.toContain("EAAG");
  });

  it("reads string codes and the short `subcode` spelling", () => {
    expect(parseGraphError({ error: { code: "190", subcode: 460 } })).toEqual({ code: 190, error_subcode: 460 });
  });
});
