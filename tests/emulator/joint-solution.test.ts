import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { APP_ID, Joint, KEY, SEED } from "./joint-harness";
import { ES_EXTRAS, SCOPES } from "./meta-harness";

let j: Joint;
beforeAll(async () => {
  j = await Joint.start();
});
afterAll(async () => j.close());
beforeEach(async () => {
  await j.control("POST", "/_emulator/reset");
});

const SENDERS = `/sinch/provisioning/v1/projects/${KEY.projectId}/whatsapp/senders`;

async function signup(wabaId: string, phoneId: string, extras: Record<string, unknown>) {
  const form = new URLSearchParams([
    ["client_id", APP_ID], ["origin", "http://portal.test"], ["cbid", "cb"], ["response_type", "code"], ["config_id", "emu-config-whatsapp"],
    ["extras", JSON.stringify(extras)], ...SCOPES.whatsapp.map((p): [string, string] => ["perm", p]),
    ["es_business", SEED.businesses.acmeGroup], ["es_waba", wabaId], ["es_phone", phoneId], ["es_share_waba", "yes"], ["action", "continue"],
  ]);
  const res = await fetch(`${j.url}/meta/dialog/oauth`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, body: form.toString() });
  return (await res.json()) as { code: string | null; esMessage?: string };
}

describe("Multi-Partner Solution: Meta's Embedded Signup and Sinch's sender creation agree", () => {
  it("Sinch refuses a sender until the customer's WABA joined the solution in Embedded Signup", async () => {
    const waba = await j.control("POST", "/_emulator/meta/wabas", { businessId: SEED.businesses.acmeGroup, name: "Joint WABA" });
    const phone = await j.control("POST", "/_emulator/meta/phone-numbers", { wabaId: waba.id, display_phone_number: "+1 555-010-7777" });
    const body = { region: "EU", metaLocalStorage: "DE", wabaId: waba.id, phoneNumberId: phone.id };

    const refused = await j.call("POST", SENDERS, body);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ errorCode: "INVALID_PARAMETERS", message: expect.stringContaining(`${waba.id} is not shared with Sinch`) });

    // A signup without the solution is refused by the dialog and shares nothing.
    const without = await signup(waba.id, phone.id, { setup: {}, featureType: "", sessionInfoVersion: "3" });
    expect(without.code).toBeNull();
    expect(JSON.parse(without.esMessage!).event).toBe("ERROR");
    expect((await j.call("POST", SENDERS, body)).status).toBe(400);

    const joined = await signup(waba.id, phone.id, ES_EXTRAS);
    expect(joined.code).toEqual(expect.any(String));
    const created = await j.call("POST", SENDERS, body);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id: expect.any(String), details: { wabaId: waba.id } });
  });
});
