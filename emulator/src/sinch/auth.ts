import type { Req, Router } from "../http";
import { checkFault, sinchError, type ErrorFlavor } from "./errors";
import { randomToken } from "./ids";
import type { AccessKey, Project, SinchState } from "./state";

function b64url(obj: unknown): string {
  return Buffer.from(JSON.stringify(obj), "utf8").toString("base64url");
}

function parseBasic(header: string): { id: string; secret: string } | undefined {
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i <= 0) return undefined;
  return { id: decoded.slice(0, i), secret: decoded.slice(i + 1) };
}

function keyFromBasic(state: SinchState, header: string): AccessKey | undefined {
  const creds = parseBasic(header);
  if (!creds) return undefined;
  const key = state.keys.get(creds.id);
  return key && key.secret === creds.secret ? key : undefined;
}

/**
 * `POST /sinch/auth/oauth2/token`. Returns an unsigned JWT whose `exp` follows the emulator clock, so
 * the SDK's proactive refresh works; the emulator itself checks expiry against its own token table.
 */
export function registerAuth(router: Router, state: SinchState): void {
  router.add("POST", "/sinch/auth/oauth2/token", (req, res) => {
    checkFault(state.world, "sinch.token");
    const auth = req.headers.authorization ?? "";
    const key = auth.toLowerCase().startsWith("basic ") ? keyFromBasic(state, auth) : undefined;
    if (!key) throw sinchError(401, "Invalid client credentials", { headers: { "www-authenticate": 'Basic realm="sinch"' } });
    const grant = req.form().get("grant_type");
    if (grant !== "client_credentials") throw sinchError(400, "grant_type must be client_credentials");
    const nowS = Math.floor(state.world.clock.now() / 1000);
    const ttl = state.world.config.sinchTokenTtlSeconds;
    const token = [
      b64url({ alg: "none", typ: "JWT" }),
      b64url({ sub: key.keyId, project_id: key.projectId, iat: nowS, exp: nowS + ttl, jti: randomToken(12) }),
      "",
    ].join(".");
    state.tokens.set(token, { keyId: key.keyId, expiresAt: state.world.clock.now() + ttl * 1000 });
    res.json({ access_token: token, token_type: "bearer", expires_in: ttl, scope: `project:${key.projectId}` });
  });
}

/** Resolves the caller's access key from `Authorization: Bearer` (OAuth2 token) or `Basic`. */
export function authenticate(state: SinchState, req: Req, flavor: ErrorFlavor): AccessKey {
  const auth = req.headers.authorization ?? "";
  const lower = auth.toLowerCase();
  if (lower.startsWith("bearer ")) {
    const token = auth.slice(7).trim();
    const entry = state.tokens.get(token);
    const key = entry ? state.keys.get(entry.keyId) : undefined;
    if (!entry || !key) {
      throw sinchError(401, "Request had invalid authentication credentials.", {
        flavor,
        headers: { "www-authenticate": 'Bearer error="invalid_token", error_description="malformed or unknown token"' },
      });
    }
    if (state.world.clock.now() >= entry.expiresAt) {
      throw sinchError(401, "Access token expired.", {
        flavor,
        headers: { "www-authenticate": 'Bearer error="invalid_token", error_description="expired"' },
      });
    }
    return key;
  }
  if (lower.startsWith("basic ")) {
    const key = keyFromBasic(state, auth);
    if (key) return key;
    throw sinchError(401, "Request had invalid authentication credentials.", { flavor, headers: { "www-authenticate": 'Basic realm="sinch"' } });
  }
  throw sinchError(401, "Request is missing required authentication credential.", {
    flavor,
    headers: { "www-authenticate": 'Bearer realm="sinch"' },
  });
}

/**
 * A key may act on its own project and on that project's subprojects. A subproject still warming up
 * (or deleted) answers 404, like the real service right after creation.
 */
export function authorizeProject(state: SinchState, key: AccessKey, projectId: string, flavor: ErrorFlavor): Project {
  const project = state.projects.get(projectId);
  const allowed = project && (project.id === key.projectId || project.parentId === key.projectId);
  if (!project || !allowed) {
    throw sinchError(403, `The access key ${key.keyId} has no permission on project ${projectId}.`, { flavor });
  }
  if (project.deleted) throw sinchError(404, `Project ${projectId} not found.`, { flavor });
  if (state.world.clock.now() < project.readyAt) {
    throw sinchError(404, `Project ${projectId} not found.`, { flavor });
  }
  return project;
}

/** Fault check, authentication and project authorisation in the order the handlers need. */
export function guard(state: SinchState, req: Req, faultKey: string, flavor: ErrorFlavor = "google"): { key: AccessKey; project: Project } {
  checkFault(state.world, faultKey, flavor);
  const key = authenticate(state, req, flavor);
  const project = authorizeProject(state, key, req.params.projectId ?? "", flavor);
  return { key, project };
}
