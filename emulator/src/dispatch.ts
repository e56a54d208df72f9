import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError, Res, makeReq, readBody, type Router } from "./http";
import { fbtraceId } from "./meta/errors";
import { sinchError } from "./sinch/errors";

/** Graph answers every failure in its own shape; the code mirrors what Graph uses for that situation. */
function graphEnvelope(status: number, message: string): unknown {
  const code = status >= 500 ? 1 : status === 404 ? 2500 : 100;
  return { error: { message: status >= 500 ? "An unknown error occurred" : message, type: "OAuthException", code, fbtrace_id: fbtraceId() } };
}

/**
 * Errors raised before a handler runs (no route, bad encoding, oversized body, crash) still answer in
 * the envelope of the API the path belongs to, so each client's error parser sees its own shape.
 */
export function errorEnvelope(path: string, status: number, message: string): HttpError {
  if (path === "/graph" || path.startsWith("/graph/")) return new HttpError(status >= 500 ? 500 : status, graphEnvelope(status, message));
  if (path.startsWith("/sinch/provisioning/")) return sinchError(status, message, { flavor: "provisioning" });
  return sinchError(status, message);
}

function hasBadEncoding(path: string): boolean {
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/** Splits the request target by hand: `new URL()` throws on some targets and resolves `//x` as a host. */
function parseTarget(target: string): { pathname: string; searchParams: URLSearchParams } {
  const q = target.indexOf("?");
  let pathname = q >= 0 ? target.slice(0, q) : target;
  if (!pathname.startsWith("/")) {
    try {
      pathname = new URL(pathname).pathname;
    } catch {
      pathname = "/" + pathname;
    }
  }
  return { pathname, searchParams: new URLSearchParams(q >= 0 ? target.slice(q + 1) : "") };
}

function send(res: Res, err: HttpError): void {
  for (const [k, v] of Object.entries(err.headers)) res.header(k, v);
  res.status(err.status).json(err.body);
}

/** The request listener shared by the full emulator and the Meta-only test server. */
export function createRequestListener(router: Router, label: string): (raw: IncomingMessage, rawRes: ServerResponse) => void {
  return (raw, rawRes) => {
    const res = new Res(rawRes);
    const url = parseTarget(raw.url ?? "/");
    const path = url.pathname;
    void (async () => {
      try {
        if (hasBadEncoding(path)) throw errorEnvelope(path, 400, `Malformed percent-encoding in path ${JSON.stringify(path.slice(0, 200))}`);
        const found = router.match(raw.method ?? "GET", path);
        if (found === undefined) throw errorEnvelope(path, 404, `No route for ${path.slice(0, 200)}`);
        if (found === "method") throw errorEnvelope(path, 405, `Method ${raw.method ?? ""} not allowed on ${path.slice(0, 200)}`);
        let body: Buffer;
        try {
          body = await readBody(raw);
        } catch (err) {
          throw err instanceof HttpError ? errorEnvelope(path, err.status, "Request body too large") : err;
        }
        await found.handler(makeReq(raw, body, found.params, url), res);
      } catch (err) {
        if (res.sent || rawRes.destroyed) return;
        if (err instanceof HttpError) return send(res, err);
        console.error(`[${label}] unhandled error`, err);
        send(res, errorEnvelope(path, 500, "Internal error"));
      }
    })().catch((err: unknown) => {
      // Last resort (e.g. a header value the socket refuses): never let one request end the process.
      console.error(`[${label}] failed to answer`, err);
      if (!rawRes.headersSent) rawRes.writeHead(500).end();
      else rawRes.destroy();
    });
  };
}
