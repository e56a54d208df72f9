import { describe, expect, it } from "vitest";
import { buildCredentialArray } from "@/server/services/channels/credentials";
import { pollDelaySeconds } from "@/server/services/channels/poll";
import { isTerminal, stateForCredential } from "@/server/services/channels/transitions";

const messenger = { channel: "MESSENGER" as const, pageAccessToken: "page-a" };
const instagram = { channel: "INSTAGRAM" as const, pageAccessToken: "page-b", instagramBusinessAccountId: "17" };

describe("buildCredentialArray", () => {
  it("adds a channel after the existing ones and keeps their tokens from the portal's copies", () => {
    const built = buildCredentialArray(["MESSENGER"], [messenger], { set: instagram });
    expect(built).toEqual({
      ok: true,
      credentials: [
        { channel: "MESSENGER", static_token: { token: "page-a" } },
        { channel: "INSTAGRAM", instagram_credentials: { token: "page-b", business_account_id: "17" } },
      ],
    });
  });

  it("replaces a channel in place (array order is priority)", () => {
    const built = buildCredentialArray(["INSTAGRAM", "MESSENGER"], [messenger, instagram], { set: { ...messenger, pageAccessToken: "page-c" } });
    expect(built.ok && built.credentials.map((c) => c.channel)).toEqual(["INSTAGRAM", "MESSENGER"]);
    expect(built.ok && built.credentials[1]).toEqual({ channel: "MESSENGER", static_token: { token: "page-c" } });
  });

  it("removes only the disconnected channel", () => {
    const built = buildCredentialArray(["MESSENGER", "INSTAGRAM"], [messenger, instagram], { remove: "MESSENGER" });
    expect(built.ok && built.credentials.map((c) => c.channel)).toEqual(["INSTAGRAM"]);
  });

  it("refuses to drop a credential the portal holds no copy of", () => {
    expect(buildCredentialArray(["SMS", "MESSENGER"], [messenger], { set: instagram })).toEqual({ ok: false, unmanaged: ["SMS"] });
    expect(buildCredentialArray(["MESSENGER"], [], { set: instagram })).toEqual({ ok: false, unmanaged: ["MESSENGER"] });
  });

  it("passes the Meta app secret as callback_secret when given", () => {
    const built = buildCredentialArray([], [], { set: { ...messenger, callbackSecret: "s" } });
    expect(built.ok && built.credentials[0]).toMatchObject({ callback_secret: "s" });
  });
});

describe("credential state and polling", () => {
  it("maps Sinch statuses to channel states", () => {
    expect(stateForCredential("PENDING")).toBe("activating");
    expect(stateForCredential("ACTIVE")).toBe("active");
    expect(stateForCredential("FAILING")).toBe("failing");
    expect(stateForCredential("SOMETHING_NEW")).toBe("activating");
    expect(isTerminal("active") && isTerminal("failing") && !isTerminal("activating")).toBe(true);
  });

  it("backs off exponentially up to five minutes", () => {
    expect([0, 1, 2, 3].map(pollDelaySeconds)).toEqual([2, 4, 8, 16]);
    expect(pollDelaySeconds(20)).toBe(300);
  });
});
