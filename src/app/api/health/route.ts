import { sql } from "drizzle-orm";
import { getDb } from "@/server/db";
import { withDeadline } from "@/server/db/errors";
import { isDraining } from "@/server/shutdown";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const answer = (status: number, state: string) => Response.json({ status: state }, { status, headers: { "cache-control": "no-store" } });

/**
 * Readiness for a load balancer: 503 once shutdown has begun (so traffic moves away while in-flight
 * requests finish) or when the database does not answer within a second; 200 otherwise.
 */
export async function GET(): Promise<Response> {
  if (isDraining()) return answer(503, "draining");
  try {
    const db = await withDeadline(getDb(), 1_000);
    await withDeadline(db.execute(sql`select 1`), 1_000);
    return answer(200, "ok");
  } catch {
    return answer(503, "database unavailable");
  }
}
