import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "@/server/db/client";
import { ingestSinchCallback } from "@/server/services/inbox/ingest";

/** Stands in for the webhook server: the emulator's signed callbacks go through the real ingest service. */
export async function startCallbackReceiver(db: () => Db): Promise<{ url: string; close(): Promise<void> }> {
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const appId = decodeURIComponent(req.url!.split("/").pop()!);
      const headers = new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]));
      void ingestSinchCallback(db(), { appId, rawBody: Buffer.concat(chunks), headers }).then((r) => res.writeHead(r.status).end());
    });
  });
  const url = await new Promise<string>((resolve) => receiver.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}`)));
  return { url, close: () => new Promise<void>((r) => receiver.close(() => r())) };
}

export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}
