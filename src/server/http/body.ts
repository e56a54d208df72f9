import type { IncomingMessage } from "node:http";

export type BodyRead = { ok: true; body: Buffer } | { ok: false; tooLarge: boolean };

/**
 * Reads a request body as raw bytes, stopping as soon as it passes `limit`: an oversized or lying
 * Content-Length never makes the server buffer more than the limit.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false, tooLarge: true });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    const finish = (result: BodyRead) => {
      if (done) return;
      done = true;
      req.off("data", onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) return finish({ ok: false, tooLarge: true });
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => finish({ ok: true, body: Buffer.concat(chunks, total) }));
    req.once("error", () => finish({ ok: false, tooLarge: false }));
    req.once("close", () => finish({ ok: false, tooLarge: false }));
  });
}
