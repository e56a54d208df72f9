import { IntegrationError } from "@/server/integrations/errors";
import type { Probe, ProbeError } from "../engine/types";

export const PROBE_TIMEOUT_MS = 8_000;

class ProbeTimeout extends Error {}

/**
 * Runs one outside call with its own deadline. Whatever goes wrong becomes a `ProbeError` the engine
 * turns into a check result: a diagnosis never crashes because Sinch or Meta misbehaved.
 */
export async function probe<T>(service: ProbeError["service"], operation: string, fn: () => Promise<T>, timeoutMs = PROBE_TIMEOUT_MS): Promise<Probe<T>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout()), timeoutMs);
  });
  try {
    return { ok: true, value: await Promise.race([fn(), deadline]) };
  } catch (err) {
    return { ok: false, error: toProbeError(service, operation, err, timeoutMs) };
  } finally {
    clearTimeout(timer);
  }
}

function toProbeError(service: ProbeError["service"], operation: string, err: unknown, timeoutMs: number): ProbeError {
  if (err instanceof ProbeTimeout) return { service, operation, code: "timeout", message: `No answer within ${Math.round(timeoutMs / 1000)} s.` };
  if (err instanceof IntegrationError) {
    return {
      service: err.service,
      operation: err.operation,
      code: err.code,
      httpStatus: err.httpStatus,
      vendorCode: err.vendorCode,
      vendorSubcode: err.vendorSubcode,
      fbtraceId: err.fbtraceId,
      reason: err.reason,
      // userMessage is written for people and carries no vendor text, ids or secrets.
      message: err.userMessage,
    };
  }
  // Anything else (a bug, a decrypt failure) is reported by name only: its message could hold data.
  return { service, operation, code: "unknown", message: err instanceof Error ? `Unexpected ${err.name}.` : "Unexpected failure." };
}

/** Runs tasks with at most `limit` in flight: one diagnosis, or one sweep over many channels. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return out;
}
