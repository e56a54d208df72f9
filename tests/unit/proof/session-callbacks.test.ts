import { describe, expect, it } from "vitest";
import { edgeAuthConfig } from "@/server/auth/edge-config";

type JwtArgs = Parameters<NonNullable<typeof edgeAuthConfig.callbacks.jwt>>[0];
const jwt = (args: Partial<JwtArgs>) => edgeAuthConfig.callbacks.jwt({ token: {}, ...args } as JwtArgs);

describe("the session token keeps only the user id (client session.update() changes nothing)", () => {
  it("an update carrying another id, a role or any claim leaves the token as it was", async () => {
    const token = { sub: "user-1", kind: "staff", iat: 1, exp: 2, jti: "j" };
    const forged = { user: { id: "admin-9", role: "admin" }, sub: "admin-9", role: "admin", kind: "customer" };
    const after = await jwt({ token, trigger: "update", session: forged });
    expect(after).toEqual(token);
  });

  it("claims smuggled into the token are dropped on every refresh", async () => {
    const after = await jwt({ token: { sub: "user-1", kind: "staff", role: "admin", permissions: ["staff.manage"] } as JwtArgs["token"] });
    expect(after).toEqual({ sub: "user-1", kind: "staff", iat: undefined, exp: undefined, jti: undefined });
  });

  it("sign-in stores the signed-in user's id and nothing else", async () => {
    const after = await jwt({ token: { sub: "stale" }, trigger: "signIn", user: { id: "user-2", email: "e@x.test", name: "E" } as JwtArgs["user"] });
    expect(after).toMatchObject({ sub: "user-2", kind: "staff" });
    expect(Object.keys(after ?? {})).not.toContain("email");
  });
});
