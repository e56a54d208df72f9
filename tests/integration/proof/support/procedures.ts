import { TRPCError } from "@trpc/server";
import { appRouter } from "@/server/api/root";
import type { ProcedureLike } from "./schema-inputs";

export const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureLike>;
export const procedurePaths = Object.keys(procedures).sort();

export type Invoker = (input: unknown) => Promise<unknown>;

/** The caller's function for a dotted procedure path (`customers.get`). */
export function invoker(caller: object, path: string): Invoker {
  return path.split(".").reduce<unknown>((obj, key) => (obj as Record<string, unknown>)[key], caller) as Invoker;
}

export interface Outcome {
  code: string;
  /** The value or the error, for canary scans. */
  payload: unknown;
}

/** Calls a procedure and reports `OK` or the tRPC code; anything but a TRPCError is a bug. */
export async function call(caller: object, path: string, input: unknown): Promise<Outcome> {
  try {
    return { code: "OK", payload: await invoker(caller, path)(input) };
  } catch (e) {
    if (e instanceof TRPCError) return { code: e.code, payload: e };
    return { code: "NON_TRPC_ERROR", payload: e };
  }
}

/** The innermost cause's message (a driver error inside drizzle's "Failed query" inside a TRPCError). */
export function rootCause(err: unknown): string {
  let current = err as { cause?: unknown; message?: string } | undefined;
  for (let i = 0; i < 6 && current?.cause; i++) current = current.cause as typeof current;
  return String(current?.message ?? current);
}

/** Outcomes an authorised caller may get: success or a domain refusal, never an auth or internal error. */
export const authorisedOutcome = (code: string) => !["UNAUTHORIZED", "FORBIDDEN", "INTERNAL_SERVER_ERROR", "NON_TRPC_ERROR"].includes(code);

/** Mutations run every caller against a fresh world; a sequence would let one caller's change mask the next. */
export const isMutation = (path: string) => procedures[path]!._def.type === "mutation";

/** A deterministic shard of the procedure list, so fuzz files split the work across workers. */
export function shard(paths: readonly string[], index: number, count: number): string[] {
  return paths.filter((_, i) => i % count === index);
}
