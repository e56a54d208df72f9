import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  headers: Record<string, string>;
  body: string;
}

export type Answer = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A customer's event receiver: records every request (raw body and headers, exactly as sent) and
 * answers with whatever the test queued (200 once the queue is empty).
 */
export async function startEventReceiver() {
  const received: Received[] = [];
  const answers: Answer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
      received.push({ headers, body: Buffer.concat(chunks).toString("utf8") });
      const answer = answers.shift() ?? ((_q, r) => r.writeHead(200).end("ok"));
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    /** Answers for the next requests, in order. */
    answer: (...next: Answer[]) => answers.push(...next),
    status: (code: number, headers: Record<string, string> = {}): Answer => (_q, r) => r.writeHead(code, headers).end(),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export type EventReceiver = Awaited<ReturnType<typeof startEventReceiver>>;
