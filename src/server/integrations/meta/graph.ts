import { IntegrationError } from "../errors";
import { createHttpClient, joinUrl, type HttpRequest } from "../http";
import { silentLogger, type IntegrationLogger } from "../logger";
import type { RetryOptions } from "../retry";
import { classifyMetaError } from "./errors";
import {
  dedupePages,
  toAccessToken,
  toDebugToken,
  toPage,
  toPermissions,
  toPhoneNumber,
  toSubscribedApp,
} from "./transform";
import type {
  AccessToken,
  DebugToken,
  Page,
  PageSource,
  Permission,
  PhoneNumber,
  SubscribedApp,
  WireDebugToken,
  WirePage,
  WirePaged,
  WirePhoneNumber,
  WireSubscribedApp,
  WireTokenResponse,
} from "./types";

export interface MetaGraphConfig {
  /** `https://graph.facebook.com` or the emulator's `{emu}/graph`. */
  graphUrl: string;
  /** e.g. `v22.0`; from config, never hard-coded. */
  version: string;
  appId: string;
  appSecret: string;
  logger?: IntegrationLogger;
  timeoutMs?: number;
  retry?: RetryOptions;
  fetch?: typeof fetch;
  now?: () => Date;
}

export interface PageDetails {
  id: string;
  name: string | null;
  instagramBusinessAccountId: string | null;
  /** Every field Graph returned for the requested `fields`. */
  fields: Record<string, unknown>;
}

export interface RegisterPhoneInput {
  pin: string;
  /** ISO-3166 alpha-2 local storage region, e.g. `DE`. */
  dataLocalizationRegion?: string;
}

export interface SubscribeOptions {
  overrideCallbackUri?: string;
  verifyToken?: string;
}

export interface MetaGraph {
  exchangeCode(code: string): Promise<AccessToken>;
  exchangeLongLived(shortLivedUserToken: string): Promise<AccessToken>;
  debugToken(inputToken: string): Promise<DebugToken>;
  getPermissions(userToken: string): Promise<Permission[]>;
  listPages(userToken: string): Promise<Page[]>;
  getPage(pageId: string, token: string, fields?: readonly string[]): Promise<PageDetails>;
  getSubscribedApps(assetId: string, token: string): Promise<SubscribedApp[]>;
  subscribeApp(assetId: string, token: string, fields?: readonly string[], opts?: SubscribeOptions): Promise<void>;
  getWabaPhoneNumbers(wabaId: string, token: string): Promise<PhoneNumber[]>;
  getPhoneNumber(phoneNumberId: string, token: string, fields?: readonly string[]): Promise<PhoneNumber>;
  registerPhoneNumber(phoneNumberId: string, token: string, input: RegisterPhoneInput): Promise<void>;
}

export const PAGE_LIST_FIELDS = ["id", "name", "access_token", "tasks", "instagram_business_account"] as const;
export const MESSENGER_SUBSCRIBED_FIELDS = ["messages", "messaging_postbacks", "message_deliveries", "message_reads", "message_echoes"] as const;
export const PHONE_HEALTH_FIELDS = ["id", "display_phone_number", "verified_name", "code_verification_status", "status", "name_status", "quality_rating", "platform_type", "throughput", "storage_configuration"] as const;

const MAX_PAGES = 50;

export function createMetaGraph(config: MetaGraphConfig): MetaGraph {
  const logger = config.logger ?? silentLogger;
  const http = createHttpClient({ service: "meta", timeoutMs: config.timeoutMs, logger: config.logger, fetch: config.fetch, ...config.retry });
  const now = config.now ?? (() => new Date());
  const base = joinUrl(config.graphUrl, config.version);
  const graphOrigin = new URL(config.graphUrl).origin;
  const appToken = `${config.appId}|${config.appSecret}`;

  interface GraphCall {
    method: HttpRequest["method"];
    path?: string;
    /** Absolute URL (a `paging.next` link). */
    url?: string;
    operation: string;
    /** User/Page/business token: sent as a bearer header so it stays out of URLs. */
    token?: string;
    query?: HttpRequest["query"];
    form?: Record<string, string>;
    idempotent?: boolean;
    secrets?: Array<string | undefined>;
  }

  async function call<T>(c: GraphCall): Promise<T> {
    const url = c.url ?? joinUrl(base, c.path ?? "");
    // Meta's paging links already embed the token; sending it twice is avoided.
    const tokenInUrl = c.url !== undefined && new URL(c.url).searchParams.has("access_token");
    const res = await http.send({
      method: c.method,
      url,
      operation: c.operation,
      query: c.query,
      form: c.form,
      headers: c.token && !tokenInUrl ? { authorization: `Bearer ${c.token}` } : undefined,
      idempotent: c.idempotent,
    });
    if (!res.ok || hasGraphError(res.body)) {
      throw classifyMetaError({ operation: c.operation, httpStatus: res.status, body: res.body, secrets: [config.appSecret, c.token, ...(c.secrets ?? [])] });
    }
    return (res.body ?? {}) as T;
  }

  /** Follows `paging.next`, but only on the configured Graph host: the link carries the token. */
  async function collect<T>(first: GraphCall): Promise<T[]> {
    const out: T[] = [];
    let next: GraphCall | undefined = first;
    for (let page = 0; next && page < MAX_PAGES; page++) {
      const body: WirePaged<T> = await call<WirePaged<T>>(next);
      out.push(...(body.data ?? []));
      const link = body.paging?.next;
      if (!link) break;
      if (new URL(link).origin !== graphOrigin) {
        logger.warn({ service: "meta", operation: first.operation }, "ignoring paging.next on an unexpected host");
        break;
      }
      next = { method: "GET", url: link, operation: first.operation, token: first.token };
    }
    return out;
  }

  async function pagesOfBusinesses(userToken: string): Promise<Page[]> {
    let businesses: Array<{ id?: string }>;
    try {
      businesses = await collect<{ id?: string }>({ method: "GET", path: "me/businesses", operation: "meta.me.businesses", token: userToken, query: { fields: "id,name" } });
    } catch (err) {
      // Without business_management the portfolio path is simply unavailable (catalogue M1).
      if (err instanceof IntegrationError && (err.code === "scope_missing" || err.code === "asset_not_shared")) {
        logger.info({ service: "meta", code: err.code }, "business pages skipped");
        return [];
      }
      throw err;
    }
    const found: Page[] = [];
    for (const biz of businesses) {
      if (!biz.id) continue;
      for (const [edge, source] of [["owned_pages", "business_owned"], ["client_pages", "business_client"]] as const) {
        try {
          const wire = await collect<WirePage>({
            method: "GET",
            path: `${encodeURIComponent(biz.id)}/${edge}`,
            operation: `meta.business.${edge}`,
            token: userToken,
            query: { fields: PAGE_LIST_FIELDS.join(",") },
          });
          found.push(...wire.map((p) => toPage(p, source as PageSource, biz.id ?? null)));
        } catch (err) {
          if (err instanceof IntegrationError && (err.code === "scope_missing" || err.code === "asset_not_shared")) continue;
          throw err;
        }
      }
    }
    return found;
  }

  return {
    async exchangeCode(code) {
      // No redirect_uri: JS SDK codes carry none, and sending one fails validation. Codes are single-use: never retried.
      const wire = await call<WireTokenResponse>({
        method: "GET",
        path: "oauth/access_token",
        operation: "meta.oauth.exchange_code",
        query: { client_id: config.appId, client_secret: config.appSecret, code },
        idempotent: false,
        secrets: [code],
      });
      return requireToken(toAccessToken(wire, now()), "meta.oauth.exchange_code");
    },
    async exchangeLongLived(shortLivedUserToken) {
      const wire = await call<WireTokenResponse>({
        method: "GET",
        path: "oauth/access_token",
        operation: "meta.oauth.exchange_long_lived",
        query: { grant_type: "fb_exchange_token", client_id: config.appId, client_secret: config.appSecret, fb_exchange_token: shortLivedUserToken },
        secrets: [shortLivedUserToken],
      });
      return requireToken(toAccessToken(wire, now()), "meta.oauth.exchange_long_lived");
    },
    async debugToken(inputToken) {
      try {
        const wire = await call<WireDebugToken>({
          method: "GET",
          path: "debug_token",
          operation: "meta.debug_token",
          query: { input_token: inputToken, access_token: appToken },
          secrets: [inputToken, appToken],
        });
        return toDebugToken(wire);
      } catch (err) {
        // A 190 here is about our app token, not the inspected one: the Meta app credentials are wrong.
        if (err instanceof IntegrationError && err.vendorCode === 190) {
          throw new IntegrationError({
            service: "meta",
            operation: "meta.debug_token",
            code: "unauthorized",
            httpStatus: err.httpStatus,
            vendorStatus: err.vendorStatus,
            vendorCode: err.vendorCode,
            vendorSubcode: err.vendorSubcode,
            fbtraceId: err.fbtraceId,
            vendorMessage: err.vendorMessage,
            userMessage: "The Meta app id or secret was rejected. Check the Meta app settings.",
          });
        }
        throw err;
      }
    },
    async getPermissions(userToken) {
      const wire = await call<{ data?: Array<{ permission?: string; status?: string }> }>({ method: "GET", path: "me/permissions", operation: "meta.me.permissions", token: userToken });
      return toPermissions(wire);
    },
    async listPages(userToken) {
      const direct = await collect<WirePage>({
        method: "GET",
        path: "me/accounts",
        operation: "meta.me.accounts",
        token: userToken,
        query: { fields: PAGE_LIST_FIELDS.join(",") },
      });
      const viaBusiness = await pagesOfBusinesses(userToken);
      return dedupePages([...direct.map((p) => toPage(p, "direct")), ...viaBusiness]);
    },
    async getPage(pageId, token, fields = ["id", "name", "instagram_business_account"]) {
      const wire = await call<WirePage>({ method: "GET", path: encodeURIComponent(pageId), operation: "meta.page.get", token, query: { fields: fields.join(",") } });
      const { access_token: _dropped, ...rest } = wire;
      return {
        id: wire.id ?? pageId,
        name: typeof wire.name === "string" ? wire.name : null,
        instagramBusinessAccountId: wire.instagram_business_account?.id ?? null,
        fields: rest,
      };
    },
    async getSubscribedApps(assetId, token) {
      const data = await collect<WireSubscribedApp>({ method: "GET", path: `${encodeURIComponent(assetId)}/subscribed_apps`, operation: "meta.subscribed_apps.get", token });
      return data.map(toSubscribedApp);
    },
    async subscribeApp(assetId, token, fields, opts = {}) {
      const form: Record<string, string> = {};
      if (fields && fields.length > 0) form.subscribed_fields = fields.join(",");
      if (opts.overrideCallbackUri) form.override_callback_uri = opts.overrideCallbackUri;
      if (opts.verifyToken) form.verify_token = opts.verifyToken;
      // Subscribing twice leaves the same state, so the POST may be retried.
      await call({ method: "POST", path: `${encodeURIComponent(assetId)}/subscribed_apps`, operation: "meta.subscribed_apps.post", token, form, idempotent: true, secrets: [opts.verifyToken] });
    },
    async getWabaPhoneNumbers(wabaId, token) {
      const data = await collect<WirePhoneNumber>({
        method: "GET",
        path: `${encodeURIComponent(wabaId)}/phone_numbers`,
        operation: "meta.waba.phone_numbers",
        token,
        query: { fields: PHONE_HEALTH_FIELDS.join(",") },
      });
      return data.map(toPhoneNumber);
    },
    async getPhoneNumber(phoneNumberId, token, fields = PHONE_HEALTH_FIELDS) {
      const wire = await call<WirePhoneNumber>({ method: "GET", path: encodeURIComponent(phoneNumberId), operation: "meta.phone.get", token, query: { fields: fields.join(",") } });
      return toPhoneNumber(wire);
    },
    async registerPhoneNumber(phoneNumberId, token, input) {
      const form: Record<string, string> = { messaging_product: "whatsapp", pin: input.pin };
      if (input.dataLocalizationRegion) form.data_localization_region = input.dataLocalizationRegion;
      // Not retried: Meta allows about 10 register calls per number per week.
      await call({ method: "POST", path: `${encodeURIComponent(phoneNumberId)}/register`, operation: "meta.phone.register", token, form, idempotent: false, secrets: [input.pin] });
    },
  };
}

function hasGraphError(body: unknown): boolean {
  return typeof body === "object" && body !== null && typeof (body as { error?: unknown }).error === "object" && (body as { error?: unknown }).error !== null;
}

function requireToken(token: AccessToken, operation: string): AccessToken {
  if (!token.accessToken) throw new IntegrationError({ service: "meta", code: "unknown", operation, vendorMessage: "no access_token in response" });
  return token;
}
