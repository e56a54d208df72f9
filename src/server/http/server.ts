import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { getDb } from "@/server/db";
import { logger } from "@/server/log";
import { createWebhookHandler, type WebhookHandler } from "./webhook";

export type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface PortalRoutes {
  webhook: WebhookHandler;
  /** Everything else: Next's request handler (pages, tRPC, auth, health). */
  next: NextHandler;
}

const WEBHOOK = /^\/api\/webhooks\/sinch\/([^/]+)$/;

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * The portal's HTTP server. Sinch callbacks are answered here, outside Next's request pipeline
 * (which alone costs more than verifying and storing a callback); every other request goes to Next
 * unchanged.
 */
export function createPortalServer(routes: PortalRoutes): Server {
  return createServer((req, res) => {
    const path = (req.url ?? "/").split("?", 1)[0]!;
    const webhook = WEBHOOK.exec(path);
    let work: Promise<void>;
    if (!webhook) work = routes.next(req, res);
    else if (req.method !== "POST") work = Promise.resolve(void res.writeHead(405, { allow: "POST", "content-length": "0" }).end());
    else work = routes.webhook(req, res, decode(webhook[1]!) ?? "");
    work.catch((err: unknown) => {
      logger.error({ err: err instanceof Error ? { name: err.name, message: err.message } : String(err), path }, "request failed");
      if (!res.headersSent) res.writeHead(500, { "content-length": "0" });
      res.end();
    });
  });
}

/** What `server.mjs` finds on globalThis once Next has run the instrumentation hook. */
export interface PortalHttp {
  createServer(next: NextHandler): Server;
}

/**
 * Hands the server factory to `server.mjs`. The webhook code is compiled by Next with the rest of
 * the server (one build, one copy of the database client and caches); the entry point only owns
 * the socket, so callbacks never enter Next's pipeline.
 */
export function publishPortalHttp(): void {
  const portal: PortalHttp = { createServer: (next) => createPortalServer({ webhook: createWebhookHandler({ db: getDb }), next }) };
  (globalThis as { __portalHttp?: PortalHttp }).__portalHttp = portal;
}
