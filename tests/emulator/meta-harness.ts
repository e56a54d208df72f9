import { startMetaOnly, type MetaOnlyServer } from "../../emulator/src/meta/index";

export const APP_ID = "100000000000001";
export const APP_SECRET = "emu-meta-app-secret";
export const PORTAL_ORIGIN = "http://localhost:3000";

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class MetaHarness {
  private constructor(readonly emu: MetaOnlyServer) {}

  static async start(): Promise<MetaHarness> {
    return new MetaHarness(await startMetaOnly());
  }

  get url(): string {
    return this.emu.url;
  }

  close(): Promise<void> {
    return this.emu.close();
  }

  reset(): void {
    for (const hook of this.emu.world.resetHooks) hook();
    this.emu.world.faults.clear();
  }

  async request(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
    const res = await fetch(this.url + path, { method, body: init.body, headers: init.headers });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* HTML or text bodies stay strings */
    }
    return { status: res.status, body, headers: res.headers };
  }

  graph(method: string, path: string, params: Record<string, string> = {}): Promise<Reply> {
    const qs = new URLSearchParams(params).toString();
    return this.request(method, `/graph/v22.0${path}${qs ? "?" + qs : ""}`);
  }

  control(method: string, path: string, body?: unknown): Promise<Reply> {
    return this.request(method, `/_emulator/meta${path}`, {
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      headers: { "content-type": "application/json" },
    });
  }

  /** Submits the login dialog form the way the browser would, asking for the JSON outcome. */
  async dialog(fields: Array<[string, string]>, query: Record<string, string> = {}): Promise<Reply> {
    const form = new URLSearchParams([["client_id", APP_ID], ["origin", PORTAL_ORIGIN], ["cbid", "cb1"], ["response_type", "code"], ...Object.entries(query), ...fields]);
    return this.request("POST", "/meta/dialog/oauth", {
      body: form.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    });
  }

  async exchange(code: string, extra: Record<string, string> = {}): Promise<Reply> {
    return this.graph("GET", "/oauth/access_token", { client_id: APP_ID, client_secret: APP_SECRET, code, ...extra });
  }

  /** Login (all permissions unless `perms` given) → code → token. */
  async loginToken(opts: {
    config: "messenger" | "instagram" | "whatsapp";
    pages?: string[];
    igs?: string[];
    wabas?: string[];
    perms?: string[];
    tokenType?: "USER" | "SYSTEM_USER";
    businessId?: string;
    longLived?: boolean;
  }): Promise<string> {
    const perms = opts.perms ?? SCOPES[opts.config];
    const es: Array<[string, string]> = [
      ["es_business", opts.businessId ?? "3000100001"],
      ["es_waba", opts.wabas?.[0] ?? "new"],
      ["es_phone", "5000100001"],
      ...(opts.wabas?.length ? ([["es_share_waba", "yes"]] as Array<[string, string]>) : []),
      ["extras", JSON.stringify(ES_EXTRAS)],
    ];
    const fields: Array<[string, string]> = [
      ...(opts.config === "whatsapp" ? es : []),
      ["config_id", `emu-config-${opts.config}`],
      ["token_type", opts.tokenType ?? "USER"],
      ...(opts.businessId ? ([["business_id", opts.businessId]] as Array<[string, string]>) : []),
      ...(opts.pages ?? []).map((p): [string, string] => ["page", p]),
      ...(opts.igs ?? []).map((p): [string, string] => ["ig", p]),
      ...(opts.wabas ?? []).map((p): [string, string] => ["waba", p]),
      ...perms.map((p): [string, string] => ["perm", p]),
      ["action", "continue"],
    ];
    const d = await this.dialog(fields);
    if (d.status !== 200 || !d.body.code) throw new Error(`dialog failed: ${JSON.stringify(d.body)}`);
    const t = await this.exchange(d.body.code);
    if (t.status !== 200) throw new Error(`exchange failed: ${JSON.stringify(t.body)}`);
    if (!opts.longLived) return t.body.access_token;
    const l = await this.graph("GET", "/oauth/access_token", {
      grant_type: "fb_exchange_token",
      client_id: APP_ID,
      client_secret: APP_SECRET,
      fb_exchange_token: t.body.access_token,
    });
    return l.body.access_token;
  }

  debug(token: string): Promise<Reply> {
    return this.graph("GET", "/debug_token", { input_token: token, access_token: `${APP_ID}|${APP_SECRET}` });
  }

  async pageToken(userToken: string, pageId: string): Promise<string> {
    const r = await this.graph("GET", `/${pageId}`, { fields: "access_token", access_token: userToken });
    if (r.status !== 200) throw new Error(`page token failed: ${JSON.stringify(r.body)}`);
    return r.body.access_token;
  }

  /** Embedded Signup form submission (default: seeded good number, WABA shared). */
  esDialog(fields: Array<[string, string]>, extras: Record<string, unknown> = ES_EXTRAS): Promise<Reply> {
    return this.dialog(
      [["config_id", "emu-config-whatsapp"], ["extras", JSON.stringify(extras)], ...SCOPES.whatsapp.map((p): [string, string] => ["perm", p]), ...fields],
    );
  }
}

/** The Multi-Partner Solution the emulator's Embedded Signup requires by default (EMULATOR_META_SOLUTION_ID). */
export const SOLUTION_ID = "emu-solution-sinch";
export const ES_EXTRAS: Record<string, unknown> = { setup: { solutionID: SOLUTION_ID }, featureType: "", sessionInfoVersion: "3" };

export const SCOPES = {
  messenger: ["pages_messaging", "pages_manage_metadata", "pages_show_list", "pages_read_engagement", "business_management"],
  instagram: ["instagram_basic", "instagram_manage_messages", "pages_manage_metadata", "pages_show_list", "pages_read_engagement", "business_management"],
  whatsapp: ["whatsapp_business_management", "whatsapp_business_messaging", "business_management"],
};

/** Asserts Meta's error envelope and returns its code/subcode. */
export function graphErr(r: Reply): { code: number; subcode: number | undefined; message: string } {
  const e = r.body?.error;
  if (!e || typeof e.code !== "number" || typeof e.message !== "string" || e.type !== "OAuthException" || typeof e.fbtrace_id !== "string") {
    throw new Error(`not a Graph error envelope (HTTP ${r.status}): ${JSON.stringify(r.body)}`);
  }
  return { code: e.code, subcode: e.error_subcode, message: e.message };
}
