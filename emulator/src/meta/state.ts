import { randomBytes } from "node:crypto";
import type { Clock } from "../world";
import { seedWorld } from "./seed";
import type {
  AppSettings,
  AuthCode,
  Grant,
  MetaBusiness,
  MetaInstagram,
  MetaPage,
  MetaPhoneNumber,
  MetaUser,
  MetaWaba,
  Subscription,
  TokenRecord,
  TokenType,
} from "./types";

export interface MetaAppConfig {
  appId: string;
  appSecret: string;
  appName: string;
  configIds: { messenger: string; instagram: string; whatsapp: string };
  /** The Multi-Partner Solution (reseller as Tech Provider, Sinch as Solution Partner) ES must join. */
  solutionId: string;
}

export function loadMetaConfig(env: NodeJS.ProcessEnv = process.env): MetaAppConfig {
  return {
    appId: env.EMULATOR_META_APP_ID || "100000000000001",
    appSecret: env.EMULATOR_META_APP_SECRET || "emu-meta-app-secret",
    appName: env.EMULATOR_META_APP_NAME || "Emu Reseller Portal",
    configIds: {
      messenger: env.EMULATOR_META_CONFIG_MESSENGER || "emu-config-messenger",
      instagram: env.EMULATOR_META_CONFIG_INSTAGRAM || "emu-config-instagram",
      whatsapp: env.EMULATOR_META_CONFIG_WHATSAPP || "emu-config-whatsapp",
    },
    solutionId: env.EMULATOR_META_SOLUTION_ID || "emu-solution-sinch",
  };
}

export const SCOPES_BY_CHANNEL = {
  messenger: ["pages_messaging", "pages_manage_metadata", "pages_show_list", "pages_read_engagement", "business_management"],
  instagram: [
    "instagram_basic",
    "instagram_manage_messages",
    "pages_manage_metadata",
    "pages_show_list",
    "pages_read_engagement",
    "business_management",
  ],
  whatsapp: ["whatsapp_business_management", "whatsapp_business_messaging", "business_management"],
} as const;

/** Distinct prefixes so tests (and log scrubbing checks) can search for each kind of secret. */
export const TOKEN_PREFIX: Record<TokenType | "USER_LONG", string> = {
  USER: "EAAEMUU",
  USER_LONG: "EAAEMUL",
  PAGE: "EAAEMUP",
  SYSTEM_USER: "EAAEMUS",
};
export const CODE_PREFIX = "AQEMU";
export const CODE_TTL_MS = 30_000;
export const SHORT_USER_TOKEN_TTL_S = 3600;
export const LONG_USER_TOKEN_TTL_S = 5_184_000;
export const DATA_ACCESS_TTL_S = 90 * 86_400;

export class MetaState {
  users = new Map<string, MetaUser>();
  pages = new Map<string, MetaPage>();
  instagram = new Map<string, MetaInstagram>();
  businesses = new Map<string, MetaBusiness>();
  wabas = new Map<string, MetaWaba>();
  phones = new Map<string, MetaPhoneNumber>();
  grants = new Map<string, Grant>();
  tokens = new Map<string, TokenRecord>();
  codes = new Map<string, AuthCode>();
  /** assetId (Page or WABA) → subscribed apps. */
  subscriptions = new Map<string, Subscription[]>();
  /** One Page token per (grant, Page), as Graph keeps handing out the same Page token. */
  pageTokens = new Map<string, string>();
  app: AppSettings = { mode: "live", advancedAccess: true, humanAgentApproved: false, businessVerified: true };
  esOrder: "message" | "code" = "message";
  private seq = 0;

  constructor(
    readonly config: MetaAppConfig,
    readonly clock: Clock,
  ) {
    this.reset();
  }

  reset(): void {
    for (const m of [this.users, this.pages, this.instagram, this.businesses, this.wabas, this.phones]) m.clear();
    for (const m of [this.grants, this.tokens, this.codes, this.subscriptions, this.pageTokens]) m.clear();
    this.app = { mode: "live", advancedAccess: true, humanAgentApproved: false, businessVerified: true };
    this.esOrder = "message";
    this.seq = 0;
    const seed = seedWorld();
    for (const u of seed.users) this.users.set(u.id, u);
    for (const p of seed.pages) this.pages.set(p.id, p);
    for (const i of seed.instagram) this.instagram.set(i.id, i);
    for (const b of seed.businesses) this.businesses.set(b.id, b);
    // The seeded WABAs were onboarded through the reseller's Multi-Partner Solution earlier.
    for (const w of seed.wabas) this.wabas.set(w.id, { ...w, solutionIds: [this.config.solutionId] });
    for (const p of seed.phones) this.phones.set(p.id, p);
  }

  nowS(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  /** Numeric ids in a range of their own (9…) so they never collide with the seed. */
  newId(): string {
    this.seq += 1;
    return String(9_000_000_000 + this.seq);
  }

  private secret(prefix: string): string {
    return prefix + randomBytes(30).toString("base64url").replace(/[-_]/g, "Z");
  }

  addGrant(g: Omit<Grant, "id" | "passwordEpoch" | "appEpoch" | "dataAccessExpiresAt">): Grant {
    const user = this.users.get(g.userId);
    const grant: Grant = {
      ...g,
      id: `grant-${this.newId()}`,
      passwordEpoch: user?.passwordEpoch ?? 0,
      appEpoch: user?.appEpoch ?? 0,
      dataAccessExpiresAt: this.nowS() + DATA_ACCESS_TTL_S,
    };
    this.grants.set(grant.id, grant);
    return grant;
  }

  issueCode(grantId: string, embeddedSignup: boolean): AuthCode {
    const code: AuthCode = { code: this.secret(CODE_PREFIX), grantId, createdAt: this.clock.now(), used: false, embeddedSignup };
    this.codes.set(code.code, code);
    return code;
  }

  issueToken(grant: Grant, opts: { longLived?: boolean } = {}): TokenRecord {
    const type: TokenType = grant.tokenType;
    const longLived = type === "SYSTEM_USER" || Boolean(opts.longLived);
    let expiresAt = 0;
    if (type === "USER") expiresAt = this.nowS() + (longLived ? LONG_USER_TOKEN_TTL_S : SHORT_USER_TOKEN_TTL_S);
    const prefix = type === "USER" ? (longLived ? TOKEN_PREFIX.USER_LONG : TOKEN_PREFIX.USER) : TOKEN_PREFIX.SYSTEM_USER;
    const rec: TokenRecord = { token: this.secret(prefix), type, grantId: grant.id, expiresAt, longLived, issuedAt: this.nowS() };
    this.tokens.set(rec.token, rec);
    return rec;
  }

  /** Page tokens inherit the parent's lifetime: from a short-lived user token they expire with it. */
  pageToken(parent: TokenRecord, pageId: string): TokenRecord {
    const key = `${parent.grantId}:${pageId}:${parent.longLived ? "L" : parent.token}`;
    const existing = this.pageTokens.get(key);
    const found = existing ? this.tokens.get(existing) : undefined;
    if (found) return found;
    const rec: TokenRecord = {
      token: this.secret(TOKEN_PREFIX.PAGE),
      type: "PAGE",
      grantId: parent.grantId,
      expiresAt: parent.longLived ? 0 : parent.expiresAt,
      longLived: parent.longLived,
      pageId,
      issuedAt: this.nowS(),
    };
    this.tokens.set(rec.token, rec);
    this.pageTokens.set(key, rec.token);
    return rec;
  }

  /** Business held by this user, owning or being a client of the Page. */
  businessPathToPage(userId: string, page: MetaPage): boolean {
    const ids = [page.ownerBusinessId, ...page.clientBusinessIds].filter((x): x is string => Boolean(x));
    return ids.some((id) => this.businesses.get(id)?.userIds.includes(userId));
  }

  /** Pages the user can reach at all (direct role or through a business portfolio). */
  reachablePages(userId: string): MetaPage[] {
    return [...this.pages.values()].filter((p) => p.roles[userId] !== undefined || this.businessPathToPage(userId, p));
  }

  userBusinesses(userId: string): MetaBusiness[] {
    return [...this.businesses.values()].filter((b) => b.userIds.includes(userId));
  }

  wabasOfBusiness(businessId: string): MetaWaba[] {
    return [...this.wabas.values()].filter((w) => w.businessId === businessId);
  }

  phonesOfWaba(wabaId: string): MetaPhoneNumber[] {
    return [...this.phones.values()].filter((p) => p.wabaId === wabaId);
  }

  /** The Instagram account Graph reports as `instagram_business_account` (professional accounts only). */
  linkedProfessionalIg(page: MetaPage): MetaInstagram | undefined {
    const ig = page.igId ? this.instagram.get(page.igId) : undefined;
    return ig && ig.accountType !== "PERSONAL" ? ig : undefined;
  }

  pageOfIg(igId: string): MetaPage | undefined {
    return [...this.pages.values()].find((p) => p.igId === igId);
  }

  subscriptionsOf(assetId: string): Subscription[] {
    return this.subscriptions.get(assetId) ?? [];
  }

  subscribe(assetId: string, sub: Subscription): void {
    const list = this.subscriptionsOf(assetId).filter((s) => s.appId !== sub.appId);
    list.push(sub);
    this.subscriptions.set(assetId, list);
  }

  unsubscribe(assetId: string, appId: string): boolean {
    const list = this.subscriptionsOf(assetId);
    const next = list.filter((s) => s.appId !== appId);
    this.subscriptions.set(assetId, next);
    return next.length !== list.length;
  }

  snapshot(): Record<string, unknown> {
    const now = this.clock.now();
    return {
      app: { id: this.config.appId, name: this.config.appName, configIds: this.config.configIds, ...this.app },
      esOrder: this.esOrder,
      users: [...this.users.values()],
      pages: [...this.pages.values()],
      instagram: [...this.instagram.values()],
      businesses: [...this.businesses.values()],
      wabas: [...this.wabas.values()],
      phoneNumbers: [...this.phones.values()].map(({ pin, ...rest }) => ({ ...rest, pinSet: pin !== undefined })),
      subscriptions: Object.fromEntries(this.subscriptions),
      grants: [...this.grants.values()],
      tokens: [...this.tokens.values()],
      codes: [...this.codes.values()].map((c) => ({ ...c, expired: now - c.createdAt > CODE_TTL_MS })),
    };
  }
}
