import type { Req, Res, Router } from "../http";
import { badRequest, body, bool, freshId, need, oneOf, str, strList } from "./control-util";
import { defaultPhone, defaultUser, waba as newWaba } from "./seed";
import type { MetaState } from "./state";
import { ALL_TASKS, type MetaInstagram, type PageTask } from "./types";

const P = "/_emulator/meta";
const ACCOUNT_TYPES = ["BUSINESS", "CREATOR", "PERSONAL"] as const;
const PHONE_STRINGS = ["status", "name_status", "code_verification_status", "quality_rating", "platform_type", "verified_name", "display_phone_number", "data_localization_region"] as const;

function tasksOf(list: string[] | undefined): PageTask[] {
  const tasks = list ?? [...ALL_TASKS];
  const bad = tasks.find((t) => !(ALL_TASKS as string[]).includes(t));
  if (bad) throw badRequest(`unknown task ${bad}; use ${ALL_TASKS.join(", ")}`);
  return tasks as PageTask[];
}

function makeInstagram(state: MetaState, b: Record<string, unknown>): MetaInstagram {
  const ig: MetaInstagram = {
    id: freshId(state, str(b, "id")),
    username: str(b, "username") ?? "emu.instagram",
    name: str(b, "name") ?? str(b, "username") ?? "Instagram account",
    accountType: oneOf(b, "accountType", ACCOUNT_TYPES) ?? "BUSINESS",
    allowAccessToMessages: bool(b, "allowAccessToMessages") ?? true,
  };
  state.instagram.set(ig.id, ig);
  return ig;
}

/** Control routes that add objects to the Meta world (users, businesses, Pages, IG, WABAs, numbers). */
export function registerSeedControl(router: Router, state: MetaState): void {
  router.add("GET", `${P}/state`, (_req: Req, res: Res) => res.json(state.snapshot()));
  router.add("POST", `${P}/reset`, (_req: Req, res: Res) => {
    state.reset();
    res.json({ ok: true });
  });

  router.add("POST", `${P}/users`, (req, res) => {
    const b = body(req);
    const user = defaultUser(freshId(state, str(b, "id")), str(b, "name") ?? "Emu User");
    user.appRole = bool(b, "appRole") ?? true;
    state.users.set(user.id, user);
    for (const id of strList(b, "businessIds") ?? []) need(state.businesses.get(id), "business", id).userIds.push(user.id);
    res.status(201).json(user);
  });

  router.add("POST", `${P}/businesses`, (req, res) => {
    const b = body(req);
    const userIds = strList(b, "userIds") ?? [];
    for (const id of userIds) need(state.users.get(id), "user", id);
    const biz = { id: freshId(state, str(b, "id")), name: str(b, "name") ?? "Emu Business", userIds, verified: bool(b, "verified") ?? true };
    state.businesses.set(biz.id, biz);
    res.status(201).json(biz);
  });

  /** `userId` + `tasks` gives a direct role; `ownerBusinessId` / `clientBusinessIds` hold it through a portfolio. */
  router.add("POST", `${P}/pages`, (req, res) => {
    const b = body(req);
    const id = freshId(state, str(b, "id"));
    const roles: Record<string, PageTask[]> = {};
    const userId = str(b, "userId");
    if (userId) {
      need(state.users.get(userId), "user", userId);
      roles[userId] = tasksOf(strList(b, "tasks"));
    }
    const owner = str(b, "ownerBusinessId");
    if (owner) need(state.businesses.get(owner), "business", owner);
    const clients = strList(b, "clientBusinessIds") ?? [];
    for (const c of clients) need(state.businesses.get(c), "business", c);
    let igId: string | undefined;
    const igBody = b.instagram;
    if (igBody !== undefined && igBody !== null) {
      if (typeof igBody !== "object" || Array.isArray(igBody)) throw badRequest("instagram must be an object");
      igId = makeInstagram(state, igBody as Record<string, unknown>).id;
    }
    const pg = { id, name: str(b, "name") ?? "Emu Page", category: str(b, "category") ?? "Business", roles, clientBusinessIds: clients, ...(owner ? { ownerBusinessId: owner } : {}), ...(igId ? { igId } : {}) };
    state.pages.set(id, pg);
    res.status(201).json({ ...pg, instagram: igId ? state.instagram.get(igId) : undefined });
  });

  router.add("POST", `${P}/pages/:pageId/tasks`, (req, res) => {
    const page = need(state.pages.get(req.params.pageId!), "page", req.params.pageId!);
    const b = body(req);
    const userId = str(b, "userId", true);
    need(state.users.get(userId), "user", userId);
    page.roles[userId] = tasksOf(strList(b, "tasks"));
    res.json(page);
  });

  /** Link an existing (`igId`) or new Instagram account to a Page; DELETE unlinks it. */
  router.add("POST", `${P}/pages/:pageId/instagram`, (req, res) => {
    const page = need(state.pages.get(req.params.pageId!), "page", req.params.pageId!);
    const b = body(req);
    const existing = str(b, "igId");
    const ig = existing ? need(state.instagram.get(existing), "instagram account", existing) : makeInstagram(state, b);
    page.igId = ig.id;
    res.json({ page, instagram: ig });
  });
  router.add("DELETE", `${P}/pages/:pageId/instagram`, (req, res) => {
    const page = need(state.pages.get(req.params.pageId!), "page", req.params.pageId!);
    delete page.igId;
    res.json(page);
  });

  router.add("POST", `${P}/instagram/:igId/account-type`, (req, res) => {
    const ig = need(state.instagram.get(req.params.igId!), "instagram account", req.params.igId!);
    ig.accountType = oneOf(body(req), "accountType", ACCOUNT_TYPES) ?? ig.accountType;
    res.json(ig);
  });

  router.add("POST", `${P}/wabas`, (req, res) => {
    const b = body(req);
    const businessId = str(b, "businessId", true);
    need(state.businesses.get(businessId), "business", businessId);
    // Not shared with any Multi-Partner Solution unless asked: an Embedded Signup with the solution shares it.
    const w = newWaba(freshId(state, str(b, "id")), str(b, "name") ?? "Emu WhatsApp account", businessId, b.sharedWithSolution === true ? [state.config.solutionId] : []);
    state.wabas.set(w.id, w);
    res.status(201).json(w);
  });

  router.add("POST", `${P}/phone-numbers`, (req, res) => {
    const b = body(req);
    const wabaId = str(b, "wabaId", true);
    need(state.wabas.get(wabaId), "waba", wabaId);
    const phone = defaultPhone(freshId(state, str(b, "id")), wabaId, str(b, "display_phone_number") ?? "+1 555-010-9999", str(b, "verified_name") ?? "Emu Business");
    state.phones.set(phone.id, phone);
    patchPhone(state, phone.id, b);
    res.status(201).json(state.phones.get(phone.id));
  });

  /** Generic phone switch: any of the status strings, `registered`, `pin`, `forcePinMismatch`, `paymentMethod`. */
  router.add("POST", `${P}/phone-numbers/:id`, (req, res) => {
    need(state.phones.get(req.params.id!), "phone number", req.params.id!);
    patchPhone(state, req.params.id!, body(req));
    res.json(state.phones.get(req.params.id!));
  });
}

export function patchPhone(state: MetaState, id: string, b: Record<string, unknown>): void {
  const phone = need(state.phones.get(id), "phone number", id);
  for (const k of PHONE_STRINGS) {
    const v = str(b, k);
    if (v !== undefined) phone[k] = v;
  }
  const registered = bool(b, "registered");
  if (registered !== undefined) {
    phone.registered = registered;
    if (str(b, "status") === undefined) phone.status = registered ? "CONNECTED" : "PENDING";
  }
  const pin = str(b, "pin");
  if (pin !== undefined) {
    if (!/^\d{6}$/.test(pin)) throw badRequest("pin must be 6 digits");
    phone.pin = pin;
  }
  const force = bool(b, "forcePinMismatch");
  if (force !== undefined) phone.forcePinMismatch = force;
  const pay = bool(b, "paymentMethod");
  if (pay !== undefined) phone.paymentMethod = pay;
  const attempts = b.registerAttempts;
  if (typeof attempts === "number" && Number.isInteger(attempts) && attempts >= 0) phone.registerAttempts = attempts;
}
