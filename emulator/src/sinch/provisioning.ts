import type { Router } from "../http";
import { guard } from "./auth";
import { evaluateApp } from "./credentials";
import { invalid, notFound, readJson, sinchError } from "./errors";
import { randomToken, ulid } from "./ids";
import { schedule, type Sender, type SenderState, type SinchState } from "./state";

const PROV = "/sinch/provisioning/v1/projects/:projectId";
const P = "provisioning" as const;
const REGIONS = ["EU", "US", "BR"];
const LOCAL_STORAGE = ["AE", "AU", "BH", "BR", "CA", "CH", "DE", "GB", "ID", "IN", "JP", "KR", "SG", "US", "ZA", "UNSPECIFIED"];
const BUSINESS_MANAGER: Record<string, string> = { EU: "SINCH_UK", US: "SINCH_UK", BR: "SINCH_BR" };
export const SENDER_STATES: SenderState[] = ["IN_PROGRESS", "PENDING_VERIFICATION", "ACTIVE", "SUSPENDED", "ERROR", "INACTIVE"];

/** IN_PROGRESS settles after the activation delay: ACTIVE, or ERROR when Meta does not know the phone. */
export function settleSender(state: SinchState, s: Sender): void {
  if (s.settled || state.world.clock.now() - s.createdAt < state.world.config.senderActivationDelayMs) return;
  s.settled = true;
  let verdict: ReturnType<SinchState["world"]["meta"]["describePhoneNumber"]>;
  try {
    verdict = state.world.meta.describePhoneNumber(s.wabaId, s.phoneNumberId);
  } catch (err) {
    verdict = { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  if (verdict.ok) {
    // A number whose code verification is not done waits for the OTP step (catalogue M12).
    const unverified = verdict.codeVerificationStatus === "NOT_VERIFIED" || verdict.codeVerificationStatus === "EXPIRED";
    s.state = unverified ? "PENDING_VERIFICATION" : "ACTIVE";
    s.displayName = verdict.verifiedName;
    s.phoneNumber = verdict.displayPhoneNumber;
    // Sinch, as the WABA's solution partner, subscribes it so inbound reaches Sinch (catalogue M11).
    if (!unverified) {
      try {
        state.world.meta.subscribeAsset("WHATSAPP", s.wabaId);
      } catch {
        // Without the subscription no inbound arrives, which is the M11 symptom itself.
      }
    }
  } else {
    s.state = "ERROR";
    s.changes = { status: "ERROR", details: [verdict.message] };
  }
  s.updatedAt = state.world.clock.now();
}

export function senderResponse(state: SinchState, s: Sender): Record<string, unknown> {
  settleSender(state, s);
  return {
    id: s.id,
    region: s.region,
    metaLocalStorage: s.metaLocalStorage,
    businessManager: BUSINESS_MANAGER[s.region],
    compatibleRegions: [s.region],
    state: s.state,
    ...(s.changes ? { changes: s.changes } : {}),
    details: {
      displayName: s.displayName ?? "",
      phoneNumber: s.phoneNumber ?? "",
      wabaId: s.wabaId,
      phoneNumberId: s.phoneNumberId,
    },
    // "Bearer token of the sender. The bearer token is needed to connect the sender to a Conversation
    // API App." (Provisioning API, WhatsApp Senders: sender object `bearerToken`). Present once ACTIVE.
    ...(s.state === "ACTIVE" && !state.omitSenderBearerToken && !state.omitBearerTokenWabas.has(s.wabaId) ? { bearerToken: s.bearerToken } : {}),
    createTime: new Date(s.createdAt).toISOString(),
    updateTime: new Date(s.updatedAt).toISOString(),
  };
}

function page(query: URLSearchParams, total: number): { start: number; size: number; next?: string } {
  const size = query.has("pageSize") ? Number(query.get("pageSize")) : 50;
  if (!Number.isInteger(size) || size < 1 || size > 100) throw invalid("pageSize must be between 1 and 100", P);
  const token = query.get("pageToken") ?? "";
  const start = token === "" ? 0 : Number(Buffer.from(token, "base64url").toString("utf8"));
  if (!Number.isInteger(start) || start < 0) throw invalid("pageToken is invalid", P);
  const next = start + size < total ? Buffer.from(String(start + size)).toString("base64url") : undefined;
  return { start, size, next };
}

export function registerProvisioning(router: Router, state: SinchState): void {
  const find = (projectId: string, id: string): Sender => {
    const s = state.senders.get(id);
    if (!s || s.projectId !== projectId) throw notFound(`Sender ${id} not found`, P);
    return s;
  };

  router.add("POST", `${PROV}/whatsapp/senders`, (req, res) => {
    const { project } = guard(state, req, "sinch.senders.create", P);
    const body = readJson(req, P);
    const region = body.region;
    if (typeof region !== "string" || !REGIONS.includes(region)) throw invalid(`region must be one of ${REGIONS.join(", ")}`, P);
    const mls = body.metaLocalStorage ?? "UNSPECIFIED";
    if (typeof mls !== "string" || !LOCAL_STORAGE.includes(mls)) throw invalid(`metaLocalStorage must be one of ${LOCAL_STORAGE.join(", ")}`, P);
    for (const f of ["wabaId", "phoneNumberId"]) {
      if (typeof body[f] !== "string" || !/^\d+$/.test(body[f] as string)) throw invalid(`${f} is required and must be a numeric string`, P);
    }
    // The customer must have joined Sinch's Multi-Partner Solution in Embedded Signup (contracts/sinch.md §11).
    const access = state.world.meta.solutionAccess(body.wabaId as string);
    if (!access.ok) {
      throw sinchError(400, access.message, {
        flavor: P,
        resolution: "Run Embedded Signup again with extras.setup.solutionID set to Sinch's Multi-Partner Solution id, keeping the WhatsApp account shared.",
      });
    }
    const now = state.world.clock.now();
    const s: Sender = {
      id: ulid(now), projectId: project.id, region: region as Sender["region"], metaLocalStorage: mls,
      wabaId: body.wabaId as string, phoneNumberId: body.phoneNumberId as string, bearerToken: randomToken(32),
      state: "IN_PROGRESS", settled: false, createdAt: now, updatedAt: now,
    };
    state.senders.set(s.id, s);
    schedule(state, state.world.config.senderActivationDelayMs + 5, () => {
      if (state.senders.get(s.id) !== s) return;
      settleSender(state, s);
      for (const app of state.apps.values()) if (app.projectId === s.projectId) evaluateApp(state, app);
    });
    res.json(senderResponse(state, s));
  });

  router.add("GET", `${PROV}/whatsapp/senders`, (req, res) => {
    const { project } = guard(state, req, "sinch.senders.list", P);
    const filters = [...req.query.getAll("filterStates"), ...req.query.getAll("filterStatuses")].flatMap((v) => v.split(",")).filter(Boolean);
    const all = [...state.senders.values()]
      .filter((s) => s.projectId === project.id)
      .map((s) => senderResponse(state, s))
      .filter((s) => filters.length === 0 || filters.includes(String(s.state)));
    const p = page(req.query, all.length);
    res.json({ totalSize: all.length, pageSize: p.size, senders: all.slice(p.start, p.start + p.size), ...(p.next ? { nextPageToken: p.next } : {}) });
  });

  router.add("GET", `${PROV}/whatsapp/senders/:senderId`, (req, res) => {
    guard(state, req, "sinch.senders.get", P);
    res.json(senderResponse(state, find(req.params.projectId!, req.params.senderId!)));
  });

  router.add("DELETE", `${PROV}/whatsapp/senders/:senderId`, (req, res) => {
    guard(state, req, "sinch.senders.delete", P);
    const s = find(req.params.projectId!, req.params.senderId!);
    s.settled = true;
    s.state = "INACTIVE";
    s.updatedAt = state.world.clock.now();
    res.json({});
  });

  for (const channel of ["instagram", "messenger"] as const) {
    router.add("GET", `${PROV}/conversation/apps/:appId/${channel}`, (req, res) => {
      guard(state, req, `sinch.channel-info.${channel}`, P);
      const app = state.apps.get(req.params.appId!);
      if (!app || app.projectId !== req.params.projectId) throw notFound(`Conversation app ${req.params.appId} not found`, P);
      evaluateApp(state, app);
      const cred = app.credentials.find((c) => c.channel === channel.toUpperCase());
      if (!cred) throw notFound(`App ${app.id} has no ${channel} channel`, P);
      const ic = cred.request.instagram_credentials as Record<string, unknown> | undefined;
      const id = cred.channelKnownId ?? (typeof ic?.business_account_id === "string" ? ic.business_account_id : "");
      const base = { status: cred.status, ...(cred.description ? { statusDescription: cred.description } : {}), id, name: `Emulated ${channel} account ${id}`.trim() };
      res.json(
        channel === "instagram"
          ? { ...base, username: `emulated_${id}`, biography: "", followersCount: 0, followsCount: 0, mediaCount: 0, profilePictureUrl: "", website: "" }
          : base,
      );
    });
  }
}
