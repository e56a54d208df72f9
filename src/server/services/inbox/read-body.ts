export type BodyRead = { ok: true; body: Buffer } | { ok: false; tooLarge: boolean };

/**
 * Reads a request body as raw bytes, stopping as soon as it passes `limit`: an oversized or
 * lying Content-Length never makes the server buffer more than the limit.
 */
export async function readBodyCapped(request: Request, limit: number): Promise<BodyRead> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > limit) return { ok: false, tooLarge: true };
  if (!request.body) return { ok: true, body: Buffer.alloc(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, tooLarge: true };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, tooLarge: false };
  }
  return { ok: true, body: Buffer.concat(chunks, total) };
}
