import { control, emulatorUrl } from "../support";

export interface MetaWorld {
  userId: string;
  businessId: string;
  clientBusinessId: string;
  /** Direct-role Pages (three, so `/me/accounts` needs paging at the emulator's page size of 2). */
  directPages: string[];
  /** Direct role AND owned by the business: must appear once after dedupe. */
  sharedPage: string;
  ownedPage: string;
  clientPage: string;
  igId: string;
  wabaId: string;
  phones: { good: string; unregistered: string; third: string };
}

/** Builds a private Meta world (own user, portfolio, Pages, WABA) so switches never touch other suites. */
export async function buildMetaWorld(): Promise<MetaWorld> {
  const user = await control<{ id: string }>("POST", "/_emulator/meta/users", { name: "Contract User" });
  const biz = await control<{ id: string }>("POST", "/_emulator/meta/businesses", { name: "Contract Biz", userIds: [user.id] });
  const other = await control<{ id: string }>("POST", "/_emulator/meta/businesses", { name: "Client Owner", userIds: [] });
  const page = (body: Record<string, unknown>) => control<{ id: string; igId?: string }>("POST", "/_emulator/meta/pages", body);
  const first = await page({ name: "Direct 1", userId: user.id, instagram: { username: "contract.ig", accountType: "BUSINESS" } });
  const d2 = await page({ name: "Direct 2", userId: user.id });
  const d3 = await page({ name: "Direct 3", userId: user.id, tasks: ["MESSAGING", "ANALYZE"] });
  const shared = await page({ name: "Shared", userId: user.id, ownerBusinessId: biz.id });
  const owned = await page({ name: "Owned only", ownerBusinessId: biz.id });
  const client = await page({ name: "Client only", ownerBusinessId: other.id, clientBusinessIds: [biz.id] });
  const waba = await control<{ id: string }>("POST", "/_emulator/meta/wabas", { businessId: biz.id, name: "Contract WABA" });
  const phone = (body: Record<string, unknown>) => control<{ id: string }>("POST", "/_emulator/meta/phone-numbers", { wabaId: waba.id, ...body });
  const good = await phone({ display_phone_number: "+1 555-020-0001", verified_name: "Contract" });
  const unregistered = await phone({ display_phone_number: "+1 555-020-0002", registered: false });
  const third = await phone({ display_phone_number: "+1 555-020-0003" });
  return {
    userId: user.id,
    businessId: biz.id,
    clientBusinessId: other.id,
    directPages: [first.id, d2.id, d3.id],
    sharedPage: shared.id,
    ownedPage: owned.id,
    clientPage: client.id,
    igId: first.igId ?? "",
    wabaId: waba.id,
    phones: { good: good.id, unregistered: unregistered.id, third: third.id },
  };
}

export interface MintedToken {
  access_token: string;
  page_tokens: Record<string, string>;
}

export async function mintToken(body: Record<string, unknown>): Promise<MintedToken> {
  return control<MintedToken>("POST", "/_emulator/meta/tokens", body);
}

export const MESSENGER_SCOPES = ["pages_messaging", "pages_manage_metadata", "pages_show_list", "pages_read_engagement", "business_management"];

/** Drives the emulator's login dialog without a browser and returns the authorization code. */
export async function loginCode(opts: { userId: string; configId: string; permissions: string[]; pages?: string[]; extra?: Record<string, string> }): Promise<string> {
  const form = new URLSearchParams({
    client_id: "100000000000001",
    origin: "https://portal.example.test",
    config_id: opts.configId,
    response_type: "code",
    user_id: opts.userId,
    action: "continue",
    ...opts.extra,
  });
  for (const p of opts.permissions) form.append("perm", p);
  for (const p of opts.pages ?? []) form.append("page", p);
  const res = await fetch(`${emulatorUrl()}/meta/dialog/oauth`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: form.toString(),
  });
  const json = (await res.json()) as { code: string | null; summary?: string };
  if (!json.code) throw new Error(`dialog gave no code: ${json.summary ?? res.status}`);
  return json.code;
}
