import { randomUUID } from "node:crypto";
import type { Req, Router } from "../http";
import { authenticate } from "./auth";
import { checkFault, invalid, notFound, readJson, sinchError } from "./errors";
import type { AccessKey, Project, SinchState } from "./state";

const BASE = "/sinch/subprojects/v1";

function validateLabels(v: unknown): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (typeof v !== "object" || Array.isArray(v)) throw invalid("labels must be an object of string values");
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length > 255) throw invalid("labels: at most 255 labels");
  for (const [k, val] of entries) {
    if (k.length < 1 || k.length > 255 || typeof val !== "string" || val.length < 1 || val.length > 255) {
      throw invalid(`labels.${k}: keys and values must be 1..255 characters`);
    }
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

function validateName(v: unknown): string {
  if (typeof v !== "string" || v.length < 1 || v.length > 255) throw invalid("displayName is required (1..255 characters)");
  return v;
}

export function subprojectResponse(p: Project): Record<string, unknown> {
  return {
    subprojectId: p.id,
    displayName: p.displayName,
    parentProjectId: p.parentId,
    labels: p.labels,
    createTime: new Date(p.createdAt).toISOString(),
    updateTime: new Date(p.updatedAt).toISOString(),
    deleted: p.deleted,
  };
}

export function registerSubprojects(router: Router, state: SinchState): void {
  /** Faults, auth and the closed-beta switch apply to every Subprojects call. */
  const enter = (req: Req, faultKey: string): AccessKey => {
    checkFault(state.world, faultKey);
    const key = authenticate(state, req, "google");
    if (state.subprojectsDisabled) {
      throw sinchError(403, "The Subprojects API is not enabled for this account. Subprojects is in closed beta: ask your Sinch account manager to enable it.");
    }
    return key;
  };
  const owned = (key: AccessKey, id: string): Project => {
    const p = state.projects.get(id);
    if (!p || !p.parentId || p.deleted) throw notFound(`Subproject ${id} not found`);
    if (p.parentId !== key.projectId) throw sinchError(403, `The access key ${key.keyId} has no permission on subproject ${id}`);
    return p;
  };
  const parentOf = (key: AccessKey, parentId: string): void => {
    const parent = state.projects.get(parentId);
    if (!parent || parent.parentId || parentId !== key.projectId) {
      throw sinchError(403, `The access key ${key.keyId} has no permission on project ${parentId}`);
    }
  };

  router.add("POST", `${BASE}/projects/:parentProjectId/subprojects`, (req, res) => {
    const key = enter(req, "sinch.subprojects.create");
    parentOf(key, req.params.parentProjectId!);
    const body = readJson(req);
    const now = state.world.clock.now();
    const p: Project = {
      id: randomUUID(),
      displayName: validateName(body.displayName),
      parentId: req.params.parentProjectId!,
      labels: validateLabels(body.labels),
      createdAt: now,
      updatedAt: now,
      readyAt: now + state.world.config.subprojectWarmupMs,
      deleted: false,
    };
    state.projects.set(p.id, p);
    res.json(subprojectResponse(p));
  });

  router.add("GET", `${BASE}/projects/:parentProjectId/subprojects`, (req, res) => {
    const key = enter(req, "sinch.subprojects.list");
    parentOf(key, req.params.parentProjectId!);
    const all = [...state.projects.values()].filter((p) => p.parentId === req.params.parentProjectId && !p.deleted);
    const size = req.query.has("pageSize") ? Number(req.query.get("pageSize")) : 50;
    if (!Number.isInteger(size) || size < 1 || size > 1000) throw invalid("pageSize must be between 1 and 1000");
    const token = req.query.get("pageToken") ?? "";
    const start = token === "" ? 0 : Number(Buffer.from(token, "base64url").toString("utf8"));
    if (!Number.isInteger(start) || start < 0) throw invalid("pageToken is invalid");
    const next = start + size < all.length ? Buffer.from(String(start + size)).toString("base64url") : "";
    res.json({ subprojects: all.slice(start, start + size).map(subprojectResponse), nextPageToken: next });
  });

  router.add("GET", `${BASE}/subprojects/:subprojectId`, (req, res) => {
    const key = enter(req, "sinch.subprojects.get");
    res.json(subprojectResponse(owned(key, req.params.subprojectId!)));
  });

  router.add("PATCH", `${BASE}/subprojects/:subprojectId`, (req, res) => {
    const key = enter(req, "sinch.subprojects.update");
    const p = owned(key, req.params.subprojectId!);
    const body = readJson(req);
    const displayName = body.displayName === undefined ? p.displayName : validateName(body.displayName);
    const labels = body.labels === undefined ? p.labels : validateLabels(body.labels);
    Object.assign(p, { displayName, labels, updatedAt: state.world.clock.now() });
    res.json(subprojectResponse(p));
  });

  router.add("DELETE", `${BASE}/subprojects/:subprojectId`, (req, res) => {
    const key = enter(req, "sinch.subprojects.delete");
    const p = owned(key, req.params.subprojectId!);
    p.deleted = true;
    p.updatedAt = state.world.clock.now();
    res.json({});
  });
}
