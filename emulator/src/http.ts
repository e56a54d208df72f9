import type { IncomingMessage, ServerResponse } from "node:http";

export interface Req {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  rawBody: Buffer;
  params: Record<string, string>;
  /** Parsed JSON body, or undefined when the body is empty; throws HttpError(400) on malformed JSON. */
  json<T = unknown>(): T | undefined;
  /** application/x-www-form-urlencoded body. */
  form(): URLSearchParams;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

export class Res {
  private statusCode = 200;
  private readonly extraHeaders: Record<string, string> = {};
  constructor(private readonly raw: ServerResponse) {}
  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  header(name: string, value: string): this {
    this.extraHeaders[name] = value;
    return this;
  }
  private send(body: string | Buffer, type: string): void {
    this.raw.writeHead(this.statusCode, { "content-type": type, ...this.extraHeaders });
    this.raw.end(body);
  }
  json(body: unknown): void {
    this.send(JSON.stringify(body), "application/json; charset=utf-8");
  }
  text(body: string, type = "text/plain; charset=utf-8"): void {
    this.send(body, type);
  }
  html(body: string): void {
    this.send(body, "text/html; charset=utf-8");
  }
  js(body: string): void {
    this.send(body, "application/javascript; charset=utf-8");
  }
  get sent(): boolean {
    return this.raw.headersSent;
  }
}

export type Handler = (req: Req, res: Res) => void | Promise<void>;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

/**
 * Tiny path router. Patterns use `:name` segments (`/v1/projects/:projectId/apps/:appId`); a segment
 * such as `messages:send` is literal because it does not start with a colon.
 */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): void {
    this.routes.push({ method: method.toUpperCase(), segments: split(pattern), handler });
  }

  list(): Array<{ method: string; pattern: string }> {
    return this.routes.map((r) => ({ method: r.method, pattern: "/" + r.segments.join("/") }));
  }

  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | "method" | undefined {
    const parts = split(path);
    let methodMismatch = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method !== method.toUpperCase()) {
        methodMismatch = true;
        continue;
      }
      return { handler: route.handler, params };
    }
    return methodMismatch ? "method" : undefined;
  }
}

function split(path: string): string[] {
  return path.split("/").filter((s) => s.length > 0);
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const v = parts[i]!;
    if (p.startsWith(":")) {
      try {
        params[p.slice(1)] = decodeURIComponent(v);
      } catch {
        return undefined;
      }
    } else if (p !== v) {
      return undefined;
    }
  }
  return params;
}

export async function readBody(req: IncomingMessage, limit = 2 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new HttpError(413, { error: { code: 413, message: "Request body too large", status: "INVALID_ARGUMENT" } });
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function makeReq(
  raw: IncomingMessage,
  body: Buffer,
  params: Record<string, string>,
  url: { pathname: string; searchParams: URLSearchParams },
): Req {
  return {
    method: raw.method ?? "GET",
    path: url.pathname,
    query: url.searchParams,
    headers: raw.headers,
    rawBody: body,
    params,
    json<T>() {
      if (body.length === 0) return undefined;
      try {
        return JSON.parse(body.toString("utf8")) as T;
      } catch {
        throw new HttpError(400, { error: { code: 400, message: "Invalid JSON payload received.", status: "INVALID_ARGUMENT" } });
      }
    },
    form() {
      return new URLSearchParams(body.toString("utf8"));
    },
  };
}
