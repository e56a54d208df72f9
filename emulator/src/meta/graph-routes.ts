import type { Req, Res, Router } from "../http";
import type { World } from "../world";
import { E, graphError } from "./errors";
import { assetNode, businessPages, meAccounts, meBusinesses, subscribedApps } from "./graph-assets";
import { debugToken, me, mePermissions, oauthAccessToken, revokePermissions } from "./graph-auth";
import { buildParams, type GraphCtx } from "./graph-context";
import { registerPhone, wabaPhoneNumbers, whatsappNode } from "./graph-whatsapp";
import type { MetaState } from "./state";

const VERSION = /^v\d{1,2}\.0$/;
const METHODS = ["GET", "POST", "DELETE"] as const;

/**
 * Graph is one dispatcher rather than many router patterns: Graph paths are `/{node}/{edge}` with node
 * ids and names (`me`, `oauth`) sharing one segment, and the version prefix is optional.
 */
export function registerGraphRoutes(router: Router, world: World, state: MetaState): void {
  const handler = (req: Req, res: Res) => {
    const segments = req.path.split("/").filter(Boolean).slice(1).map(safeDecode);
    let version = "";
    if (segments[0] && /^v\d+(\.\d+)?$/.test(segments[0])) {
      version = segments.shift()!;
      if (!VERSION.test(version)) throw graphError({ code: 2635, message: `(#2635) Unknown Graph API version ${version}.` });
    }
    const method = req.method.toUpperCase() as GraphCtx["method"];
    const ctx: GraphCtx = { state, world, req, res, method, version, params: buildParams(req) };
    dispatch(ctx, segments);
  };
  for (const method of METHODS) {
    for (let depth = 0; depth <= 6; depth++) {
      const pattern = ["/graph", ...Array.from({ length: depth }, (_, i) => `:s${i}`)].join("/");
      router.add(method, pattern, handler);
    }
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function dispatch(ctx: GraphCtx, seg: string[]): void {
  const { method } = ctx;
  const [a, b] = seg;
  const path = "/" + seg.join("/");
  // Graph's method override: `POST ... method=DELETE` is how some SDKs send deletes.
  const override = ctx.params.get("method")?.toUpperCase();
  if (method === "POST" && (override === "DELETE" || override === "GET")) ctx.method = override;
  const m = ctx.method;

  if (seg.length === 0) throw graphError(E.param("Unsupported request - method type: " + method.toLowerCase()));
  if (seg.length === 2 && a === "oauth" && b === "access_token" && m === "GET") return oauthAccessToken(ctx);
  if (seg.length === 1 && a === "debug_token" && m === "GET") return debugToken(ctx);
  if (a === "me") {
    if (seg.length === 1 && m === "GET") return me(ctx);
    if (seg.length === 2 && b === "permissions" && m === "GET") return mePermissions(ctx);
    if (seg.length === 2 && b === "permissions" && m === "DELETE") return revokePermissions(ctx);
    if (seg.length === 2 && b === "accounts" && m === "GET") return meAccounts(ctx);
    if (seg.length === 2 && b === "businesses" && m === "GET") return meBusinesses(ctx);
    throw graphError(E.unknownPath(path));
  }
  if (!a) throw graphError(E.unknownPath(path));
  if (seg.length === 1) {
    if (m !== "GET") throw graphError(E.objectMissingPost(a));
    if (whatsappNode(ctx, a) || assetNode(ctx, a)) return;
    throw graphError(E.objectMissing(a));
  }
  if (seg.length === 2) {
    if (b === "subscribed_apps") return subscribedApps(ctx, a);
    if (b === "owned_pages" && m === "GET") return businessPages(ctx, a, "owned");
    if (b === "client_pages" && m === "GET") return businessPages(ctx, a, "client");
    if (b === "phone_numbers" && m === "GET") return wabaPhoneNumbers(ctx, a);
    if (b === "register" && m === "POST") return registerPhone(ctx, a);
  }
  throw graphError(m === "GET" ? E.objectMissing(a) : E.objectMissingPost(a));
}
