import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/src/server";
import { SEED } from "../../emulator/src/meta/seed";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());

describe("Meta half inside the whole emulator", () => {
  it("serves Graph, SDK and control routes and resets with /_emulator/reset", async () => {
    const minted = await fetch(`${emu.url}/_emulator/meta/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ channel: "messenger" }),
    }).then((r) => r.json() as Promise<{ access_token: string; page_tokens: Record<string, string> }>);
    const me = await fetch(`${emu.url}/graph/v22.0/me?access_token=${minted.access_token}`).then((r) => r.json());
    expect(me).toEqual({ id: SEED.user, name: "Emu Tester" });
    expect(emu.world.meta.checkSend("MESSENGER", minted.page_tokens[SEED.pages.bakery]!, SEED.pages.bakery)).toEqual({ ok: true });
    expect((await fetch(`${emu.url}/meta/sdk.js`)).status).toBe(200);
    const reset = await fetch(`${emu.url}/_emulator/reset`, { method: "POST" });
    expect(reset.status).toBeLessThan(300);
    const after = await fetch(`${emu.url}/graph/v22.0/me?access_token=${minted.access_token}`);
    expect(after.status).toBe(400);
    expect(((await after.json()) as { error: { code: number } }).error.code).toBe(190);
  });
});
