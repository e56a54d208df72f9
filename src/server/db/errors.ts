/**
 * What a database error may say in a log or a stored processing note. Drizzle wraps a driver error
 * in "Failed query: <sql> params: <values>": the parameters are customer data (message text,
 * identities, ciphertext), so only the driver's own message and SQLSTATE are ever kept.
 */
export interface SafeError {
  name: string;
  message: string;
  /** SQLSTATE (e.g. 23505) or the driver's code (CONNECTION_CLOSED, ECONNREFUSED). */
  pgCode?: string;
  stack?: string;
}

const MAX_MESSAGE = 300;

function codeOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

export function dbErrorCode(err: unknown): string | undefined {
  return codeOf(err) ?? codeOf((err as { cause?: unknown } | null)?.cause);
}

export function safeError(err: unknown, opts: { stack?: boolean } = {}): SafeError {
  const e = err instanceof Error ? err : new Error(typeof err === "string" ? err : "non-error thrown");
  const wrapped = e.message.startsWith("Failed query:");
  const shown = wrapped ? (e.cause instanceof Error ? e.cause : null) : e;
  const out: SafeError = {
    name: (shown ?? e).name,
    message: shown ? shown.message.slice(0, MAX_MESSAGE) : "query failed",
  };
  const pgCode = dbErrorCode(e);
  if (pgCode) out.pgCode = pgCode;
  // The first stack line repeats the message; only the frames are kept.
  if (opts.stack) out.stack = ((shown ?? e).stack ?? "").split("\n").filter((l) => /^\s+at /.test(l)).join("\n");
  return out;
}

// SQLSTATE classes/codes and driver codes that mean "the database could not answer now", not "this
// input is wrong": connection exceptions (08), shutdown / crash / starting up (57P01–57P03),
// too many connections (53300), out of resources (53), serialisation failure and deadlock.
const TRANSIENT_CODES = new Set([
  "57P01", "57P02", "57P03", "53300", "40001", "40P01",
  "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT",
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND", "DB_DEADLINE",
]);

/** True when retrying later may succeed: the caller should answer 503, not record a failure. */
export function isTransientDbError(err: unknown): boolean {
  const code = dbErrorCode(err);
  if (!code) return false;
  return TRANSIENT_CODES.has(code) || code.startsWith("08") || (code.startsWith("53") && code.length === 5);
}

/** Rejects with a transient `DB_DEADLINE` error when `work` has not settled within `ms`. */
export async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`database did not answer within ${ms} ms`), { code: "DB_DEADLINE" })), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
