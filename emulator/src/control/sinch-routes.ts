import { randomUUID } from "node:crypto";
import type { Router } from "../http";
import { appResponse } from "../sinch/apps";
import { stopConversation } from "../sinch/contacts";
import { evaluateApp, setCredentialState } from "../sinch/credentials";
import { randomToken, ulid } from "../sinch/ids";
import { inboundAsset, injectInbound } from "../sinch/inbound";
import { metaStateOf } from "../meta/index";
import { SENDER_STATES, senderResponse } from "../sinch/provisioning";
import { contactKey, sinchState, type App, type SenderState, type SinchState } from "../sinch/state";
import { webhookResponse } from "../sinch/webhooks";
import type { World } from "../world";
import { body, controlError, num, str } from "./util";

const CHANGE_STATUSES = ["DRAFT", "ERROR", "IN_PROGRESS", "MULTIPLE_WABA_ERROR", "REJECTED"];

function appOf(state: SinchState, appId: string | undefined): App {
  const app = state.apps.get(appId ?? "");
  if (!app) throw controlError(404, `App ${appId} not found`);
  evaluateApp(state, app);
  return app;
}

/** Emulator-only switches for the Sinch half (every Sinch row of the troubleshooting catalogue). */
export function registerSinchControl(router: Router, world: World): void {
  const S = () => sinchState(world);

  router.add("GET", "/_emulator/sinch/projects", (_req, res) => {
    const s = S();
    res.json({
      projects: [...s.projects.values()].map((p) => ({
        ...p,
        keys: [...s.keys.values()].filter((k) => k.projectId === p.id).map((k) => ({ keyId: k.keyId, keySecret: k.secret })),
      })),
    });
  });

  router.add("POST", "/_emulator/sinch/projects", (req, res) => {
    const s = S();
    const b = body(req);
    const projectId = typeof b.projectId === "string" && b.projectId ? b.projectId : randomUUID();
    const keyId = typeof b.keyId === "string" && b.keyId ? b.keyId : randomUUID();
    const keySecret = typeof b.keySecret === "string" && b.keySecret ? b.keySecret : randomToken(18);
    if (s.projects.has(projectId)) throw controlError(409, `Project ${projectId} already exists`);
    if (s.keys.has(keyId)) throw controlError(409, `Access key ${keyId} already exists`);
    const now = world.clock.now();
    const displayName = typeof b.displayName === "string" ? b.displayName : `Project ${projectId}`;
    s.projects.set(projectId, { id: projectId, displayName, labels: {}, createdAt: now, updatedAt: now, readyAt: now, deleted: false });
    s.keys.set(keyId, { keyId, secret: keySecret, projectId });
    res.json({ projectId, keyId, keySecret, displayName });
  });

  router.add("GET", "/_emulator/sinch/apps", (_req, res) => {
    const s = S();
    const apps = [...s.apps.values()].map((app) => {
      evaluateApp(s, app);
      const hooks = [...s.webhooks.values()].filter((w) => w.app_id === app.id).map((w) => ({ ...webhookResponse(w), secret: w.secret }));
      return { ...appResponse(app), project_id: app.projectId, region: app.region, webhooks: hooks };
    });
    res.json({ apps });
  });

  router.add("GET", "/_emulator/sinch/apps/:appId/webhooks", (req, res) => {
    const s = S();
    const app = appOf(s, req.params.appId);
    res.json({ webhooks: [...s.webhooks.values()].filter((w) => w.app_id === app.id).map((w) => ({ ...webhookResponse(w), secret: w.secret })) });
  });

  router.add("GET", "/_emulator/sinch/apps/:appId/messages", (req, res) => {
    const s = S();
    const app = appOf(s, req.params.appId);
    res.json({ messages: s.outbound.filter((m) => m.appId === app.id) });
  });

  router.add("POST", "/_emulator/sinch/apps/:appId/inbound", (req, res) => {
    const s = S();
    res.json(injectInbound(s, appOf(s, req.params.appId), body(req)));
  });

  /**
   * Meta owns the HUMAN_AGENT rule (approval belongs to the Meta app whose token Sinch uses, and the
   * emulator has one Meta app), so this is an alias of `POST /_emulator/meta/app {humanAgentApproved}`.
   */
  router.add("POST", "/_emulator/sinch/apps/:appId/human-agent", (req, res) => {
    const app = appOf(S(), req.params.appId);
    const b = body(req);
    if (typeof b.enabled !== "boolean") throw controlError(400, "enabled must be a boolean");
    const meta = metaStateOf(world);
    if (!meta) throw controlError(404, "The Meta half is not running");
    meta.app.humanAgentApproved = b.enabled;
    res.json({ appId: app.id, humanAgent: meta.app.humanAgentApproved });
  });

  /** Meta delivers one message to every app connected to the asset (M10: the same IG account on two apps). */
  router.add("POST", "/_emulator/sinch/inbound", (req, res) => {
    const s = S();
    const b = body(req);
    const channel = str(b.channel, "channel");
    const assetId = str(b.assetId, "assetId");
    const apps = [...s.apps.values()].filter((app) => {
      evaluateApp(s, app);
      const cred = app.credentials.find((c) => c.channel === channel);
      return cred !== undefined && [inboundAsset(s, app, channel), cred.channelKnownId].includes(assetId);
    });
    res.json({ deliveries: apps.map((app) => ({ appId: app.id, ...injectInbound(s, app, { ...b, force: false }) })) });
  });

  /** Holds a credential in PENDING (Sinch validation that never finishes, S11) until `{held:false}`. */
  router.add("POST", "/_emulator/sinch/apps/:appId/credentials/:channel/hold", (req, res) => {
    const s = S();
    const app = appOf(s, req.params.appId);
    const channel = (req.params.channel ?? "").toUpperCase();
    const cred = app.credentials.find((c) => c.channel === channel);
    if (!cred) throw controlError(404, `App ${app.id} has no ${channel} credential`);
    const held = body(req).held;
    cred.held = held === undefined ? true : Boolean(held);
    if (cred.held) setCredentialState(s, app, cred, "PENDING", undefined);
    else evaluateApp(s, app);
    res.json(appResponse(app));
  });

  router.add("POST", "/_emulator/sinch/apps/:appId/credentials/:channel/fail", (req, res) => {
    const s = S();
    const app = appOf(s, req.params.appId);
    const channel = (req.params.channel ?? "").toUpperCase();
    const cred = app.credentials.find((c) => c.channel === channel);
    if (!cred) throw controlError(404, `App ${app.id} has no ${channel} credential`);
    const b = body(req);
    const description =
      typeof b.description === "string" && b.description
        ? b.description
        : "Failed to validate Facebook Page token: (#190) Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.";
    cred.forced = true;
    setCredentialState(s, app, cred, "FAILING", description);
    res.json(appResponse(app));
  });

  router.add("POST", "/_emulator/sinch/apps/:appId/conversations/stop", (req, res) => {
    const s = S();
    const app = appOf(s, req.params.appId);
    const b = body(req);
    const contact = s.contacts.get(contactKey(app.id, str(b.channel, "channel"), str(b.identity, "identity")));
    if (!contact) throw controlError(404, "No contact with that channel identity on this app");
    stopConversation(s, app, contact);
    res.json({ conversationId: contact.conversationId, active: contact.conversationActive });
  });

  router.add("POST", "/_emulator/sinch/contacts/block", (req, res) => {
    const s = S();
    const b = body(req);
    const app = appOf(s, str(b.appId, "appId"));
    const channel = str(b.channel, "channel");
    const identity = str(b.identity, "identity");
    const key = contactKey(app.id, channel, identity);
    const now = world.clock.now();
    // Created silently when unknown: blocking is a fact about the person at Meta, not a Sinch event.
    const contact = s.contacts.get(key) ?? {
      id: ulid(now), appId: app.id, channel, identity, conversationId: ulid(now), conversationActive: false, conversationCount: 0, blocked: false, createdAt: now,
    };
    contact.blocked = b.blocked === undefined ? true : Boolean(b.blocked);
    s.contacts.set(key, contact);
    res.json({ appId: app.id, channel, identity, blocked: contact.blocked });
  });

  router.add("POST", "/_emulator/sinch/subprojects/disable", (req, res) => {
    const b = body(req);
    S().subprojectsDisabled = b.disabled === undefined ? true : Boolean(b.disabled);
    res.json({ disabled: S().subprojectsDisabled });
  });

  router.add("POST", "/_emulator/sinch/senders/omit-bearer-token", (req, res) => {
    const b = body(req);
    const omit = b.omit === undefined ? true : Boolean(b.omit);
    if (b.wabaId !== undefined) {
      const wabaId = str(b.wabaId, "wabaId");
      if (omit) S().omitBearerTokenWabas.add(wabaId);
      else S().omitBearerTokenWabas.delete(wabaId);
      return res.json({ omit, wabaId });
    }
    S().omitSenderBearerToken = omit;
    res.json({ omit });
  });

  router.add("POST", "/_emulator/sinch/subprojects/warmup", (req, res) => {
    const ms = num(body(req).ms, "ms");
    if (ms < 0) throw controlError(400, "ms must be >= 0");
    world.config.subprojectWarmupMs = ms;
    res.json({ subprojectWarmupMs: ms });
  });

  router.add("GET", "/_emulator/sinch/senders", (_req, res) => {
    const s = S();
    res.json({ senders: [...s.senders.values()].map((x) => ({ projectId: x.projectId, ...senderResponse(s, x) })) });
  });

  router.add("GET", "/_emulator/sinch/senders/:senderId/token", (req, res) => {
    const sender = S().senders.get(req.params.senderId ?? "");
    if (!sender) throw controlError(404, `Sender ${req.params.senderId} not found`);
    res.json({ senderId: sender.id, token: sender.bearerToken });
  });

  router.add("POST", "/_emulator/sinch/senders/:senderId/state", (req, res) => {
    const s = S();
    const sender = s.senders.get(req.params.senderId ?? "");
    if (!sender) throw controlError(404, `Sender ${req.params.senderId} not found`);
    const b = body(req);
    const next = str(b.state, "state") as SenderState;
    if (!SENDER_STATES.includes(next)) throw controlError(400, `state must be one of ${SENDER_STATES.join(", ")}`);
    const changesStatus = b.changesStatus === undefined ? (next === "ERROR" ? "ERROR" : undefined) : str(b.changesStatus, "changesStatus");
    if (changesStatus && !CHANGE_STATUSES.includes(changesStatus)) throw controlError(400, `changesStatus must be one of ${CHANGE_STATUSES.join(", ")}`);
    const reason = typeof b.reason === "string" && b.reason ? [b.reason] : [];
    sender.state = next;
    sender.settled = true;
    sender.changes = changesStatus ? { status: changesStatus, details: reason } : undefined;
    sender.updatedAt = world.clock.now();
    for (const app of s.apps.values()) if (app.projectId === sender.projectId) evaluateApp(s, app);
    res.json(senderResponse(s, sender));
  });
}
