import type { Db } from "@/server/db/client";

/**
 * Who is calling. Staff come from the next-auth JWT (only the user id is trusted: role and status are
 * re-read from the database on every request); customers from their grant-session cookie.
 */
export type Caller =
  | { type: "staff"; userId: string }
  | { type: "customer"; sessionToken: string }
  | { type: "anonymous" };

export interface Context {
  db: Db;
  caller: Caller;
  requestId: string;
  ip: string;
  now: () => Date;
}

export function createContextInner(input: { db: Db; caller: Caller; requestId?: string; ip?: string; now?: () => Date }): Context {
  return {
    db: input.db,
    caller: input.caller,
    requestId: input.requestId ?? crypto.randomUUID(),
    ip: input.ip ?? "unknown",
    now: input.now ?? (() => new Date()),
  };
}
