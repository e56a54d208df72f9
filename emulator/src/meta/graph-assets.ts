import { E, graphError } from "./errors";
import { applyFault, auth, paged, parseFields, pick, type GraphCtx } from "./graph-context";
import { missingScope, tokenCoversPage, tokenCoversWaba } from "./tokens";
import { ALL_TASKS, type Grant, type MetaPage, type TokenRecord } from "./types";

/**
 * Permissions a Page webhook field needs beyond `pages_manage_metadata` (checked for every POST):
 * the messaging fields need `pages_messaging`, `feed`/`mention` need `pages_show_list`
 * (https://developers.facebook.com/docs/pages-api/webhooks-for-pages). A token without them gets
 * Graph's `(#200) Requires … permission`, OAuthException code 200.
 */
const MESSAGING_FIELDS = new Set(["messages", "messaging_postbacks", "message_deliveries", "message_reads", "message_echoes", "messaging_optins",
  "messaging_referrals", "message_reactions", "messaging_handovers", "standby", "messaging_seen", "inbox_labels"]);
export function pageFieldScopes(field: string): string[] {
  return MESSAGING_FIELDS.has(field) ? ["pages_messaging"] : ["pages_show_list"];
}

const PAGE_FIELDS = ["messages", "messaging_postbacks", "message_deliveries", "message_reads", "message_echoes", "messaging_optins",
  "messaging_referrals", "message_reactions", "messaging_handovers", "standby", "feed", "mention", "messaging_seen", "inbox_labels"];

function pageJson(ctx: GraphCtx, rec: TokenRecord, grant: Grant, page: MetaPage, sub?: Map<string, string[] | undefined>): Record<string, unknown> {
  const ig = ctx.state.linkedProfessionalIg(page);
  const igSel = sub?.get("instagram_business_account");
  const igJson = ig ? pick({ id: ig.id, username: ig.username, name: ig.name }, new Map((igSel ?? []).map((f) => [f, undefined]))) : undefined;
  const tasks = grant.tokenType === "SYSTEM_USER" ? [...ALL_TASKS] : page.roles[grant.userId] ?? (ctx.state.businessPathToPage(grant.userId, page) ? [...ALL_TASKS] : undefined);
  return {
    id: page.id,
    name: page.name,
    category: page.category,
    tasks,
    instagram_business_account: igJson,
    access_token: rec.type === "PAGE" ? undefined : ctx.state.pageToken(rec, page.id).token,
    link: `https://www.facebook.com/${page.id}`,
  };
}

/** `/me/accounts`: only Pages with a direct role (system users: the Pages assigned at login), filtered by shared assets. */
export function meAccounts(ctx: GraphCtx): void {
  applyFault(ctx, "me.accounts");
  const { rec, grant } = auth(ctx);
  if (rec.type === "PAGE") throw graphError(E.param("Tried accessing nonexisting field (accounts) on node type (Page)"));
  const fields = parseFields(ctx.params.get("fields"), ["id", "name", "access_token", "category", "tasks"]);
  const visible = grant.granted.includes("pages_show_list")
    ? [...ctx.state.pages.values()].filter(
        (p) => grant.pageIds.includes(p.id) && (grant.tokenType === "SYSTEM_USER" || p.roles[grant.userId] !== undefined),
      )
    : [];
  ctx.res.json(paged(ctx, visible.map((p) => pick(pageJson(ctx, rec, grant, p, fields), fields))));
}

function requireBusinessScope(grant: Grant): void {
  if (!grant.granted.includes("business_management")) throw graphError(E.missingPermission("business_management"));
}

export function meBusinesses(ctx: GraphCtx): void {
  applyFault(ctx, "me.businesses");
  const { rec, grant } = auth(ctx);
  if (rec.type === "PAGE") throw graphError(E.param("Tried accessing nonexisting field (businesses) on node type (Page)"));
  requireBusinessScope(grant);
  const fields = parseFields(ctx.params.get("fields"), ["id", "name"]);
  const list = [...ctx.state.businesses.values()].filter((b) =>
    grant.tokenType === "SYSTEM_USER" ? b.id === grant.businessId : b.userIds.includes(grant.userId) && grant.businessIds.includes(b.id),
  );
  ctx.res.json(paged(ctx, list.map((b) => pick({ id: b.id, name: b.name, verification_status: b.verified ? "verified" : "not_verified" }, fields))));
}

/** `/{business}/owned_pages` and `/client_pages`: Pages held through the portfolio, filtered by shared assets. */
export function businessPages(ctx: GraphCtx, businessId: string, kind: "owned" | "client"): void {
  applyFault(ctx, kind === "owned" ? "owned_pages" : "client_pages");
  const { rec, grant } = auth(ctx);
  const biz = ctx.state.businesses.get(businessId);
  const reachable = biz && (grant.tokenType === "SYSTEM_USER" ? grant.businessId === biz.id : biz.userIds.includes(grant.userId));
  if (!biz || !reachable || rec.type === "PAGE") throw graphError(E.objectMissing(businessId));
  requireBusinessScope(grant);
  const fields = parseFields(ctx.params.get("fields"), ["id", "name"]);
  const pages = [...ctx.state.pages.values()].filter(
    (p) => grant.pageIds.includes(p.id) && (kind === "owned" ? p.ownerBusinessId === biz.id : p.clientBusinessIds.includes(biz.id)),
  );
  ctx.res.json(paged(ctx, pages.map((p) => pick(pageJson(ctx, rec, grant, p, fields), fields))));
}

/** `GET /{id}` for Pages, Instagram accounts, businesses and users; WhatsApp nodes live in graph-whatsapp. */
export function assetNode(ctx: GraphCtx, id: string): boolean {
  const { state } = ctx;
  const page = state.pages.get(id);
  const ig = state.instagram.get(id);
  const biz = state.businesses.get(id);
  const user = state.users.get(id);
  if (!page && !ig && !biz && !user) return false;
  applyFault(ctx, "node");
  const { rec, grant } = auth(ctx);
  if (page) {
    if (!tokenCoversPage(state, rec, grant, page)) throw graphError(E.objectMissing(id));
    const fields = parseFields(ctx.params.get("fields"), ["id", "name"]);
    ctx.res.json(pick(pageJson(ctx, rec, grant, page, fields), fields));
    return true;
  }
  if (ig) {
    const linked = state.pageOfIg(ig.id);
    const viaPage = rec.type === "PAGE" && linked?.id === rec.pageId;
    if (ig.accountType === "PERSONAL" || (!viaPage && !grant.igIds.includes(ig.id))) throw graphError(E.objectMissing(id));
    const fields = parseFields(ctx.params.get("fields"), ["id", "username"]);
    ctx.res.json(pick({ id: ig.id, username: ig.username, name: ig.name }, fields));
    return true;
  }
  if (biz) {
    const ok = grant.tokenType === "SYSTEM_USER" ? grant.businessId === biz.id : biz.userIds.includes(grant.userId);
    if (!ok || rec.type === "PAGE") throw graphError(E.objectMissing(id));
    const fields = parseFields(ctx.params.get("fields"), ["id", "name"]);
    ctx.res.json(pick({ id: biz.id, name: biz.name, verification_status: biz.verified ? "verified" : "not_verified" }, fields));
    return true;
  }
  if (user && rec.type !== "PAGE" && grant.userId === user.id && grant.tokenType === "USER") {
    ctx.res.json({ id: user.id, name: user.name });
    return true;
  }
  throw graphError(E.objectMissing(id));
}

/** `/{page_id|waba_id}/subscribed_apps`: Page token for Pages, business/user token for WABAs. */
export function subscribedApps(ctx: GraphCtx, assetId: string): void {
  const { state, method } = ctx;
  applyFault(ctx, `subscribed_apps.${method.toLowerCase()}`);
  const page = state.pages.get(assetId);
  const waba = state.wabas.get(assetId);
  const { rec, grant } = auth(ctx);
  const missingObj = method === "GET" ? E.objectMissing(assetId) : E.objectMissingPost(assetId);
  if (page) {
    if (rec.type !== "PAGE") throw graphError(tokenCoversPage(state, rec, grant, page) ? E.pageTokenRequired() : missingObj);
    if (rec.pageId !== page.id) throw graphError(missingObj);
    const lacking = missingScope(grant, ["pages_manage_metadata"]);
    if (lacking) throw graphError(E.missingPermission(lacking));
  } else if (waba) {
    if (rec.type === "PAGE" || !tokenCoversWaba(grant, waba.id)) throw graphError(missingObj);
    const lacking = missingScope(grant, ["whatsapp_business_management"]);
    if (lacking) throw graphError(E.missingPermission(lacking));
  } else throw graphError(missingObj);

  const appId = state.config.appId;
  if (method === "GET") {
    const data = state.subscriptionsOf(assetId).map((s) =>
      page
        ? { category: "Business", link: `https://emulator.invalid/apps/${s.appId}`, name: s.name, id: s.appId, subscribed_fields: s.subscribed_fields }
        : {
            whatsapp_business_api_data: { id: s.appId, link: `https://emulator.invalid/apps/${s.appId}`, name: s.name },
            ...(s.override_callback_uri ? { override_callback_uri: s.override_callback_uri } : {}),
          },
    );
    ctx.res.json({ data });
    return;
  }
  if (method === "DELETE") {
    state.unsubscribe(assetId, appId);
    ctx.res.json({ success: true });
    return;
  }
  let fields: string[] = [];
  if (page) {
    const raw = ctx.params.get("subscribed_fields");
    if (!raw) throw graphError(E.param("The parameter subscribed_fields is required."));
    fields = raw.replace(/^\[|\]$/g, "").split(",").map((f) => f.trim().replace(/^"|"$/g, "")).filter(Boolean);
    const bad = fields.findIndex((f) => !PAGE_FIELDS.includes(f));
    if (fields.length === 0 || bad >= 0) {
      throw graphError(E.param(`Param subscribed_fields[${Math.max(bad, 0)}] must be one of {${PAGE_FIELDS.join(", ")}}`));
    }
    for (const f of fields) {
      const lacking = missingScope(grant, pageFieldScopes(f));
      if (lacking) throw graphError(E.missingPermission(lacking));
    }
  }
  const override = ctx.params.get("override_callback_uri") ?? undefined;
  if (override !== undefined && !/^https:\/\//.test(override)) throw graphError(E.param("Param override_callback_uri must be a valid https URL"));
  state.subscribe(assetId, { appId, name: state.config.appName, subscribed_fields: fields, ...(override ? { override_callback_uri: override } : {}) });
  ctx.res.json({ success: true });
}
