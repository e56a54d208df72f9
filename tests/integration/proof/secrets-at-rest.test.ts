import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, usingPostgres } from "../helpers/db";
import { rowsOf } from "@/server/db/rows";
import { findCanaries } from "./support/canaries";
import { createWorld, type World } from "./support/matrix";
import { createGlobalFixture } from "./support/world";

const PG_DUMP = "/usr/lib/postgresql/15/bin/pg_dump";
// Columns that hold a secret (ciphertext) or the hash of one. A new one must get a canary here.
const SECRET_COLUMN = /(ciphertext$|(^|_)token_hash$|password_hash$)/;

let handle: Awaited<ReturnType<typeof createTestDb>>;
let world: World;
beforeAll(async () => {
  handle = await createTestDb();
  world = await createWorld(handle.db, await createGlobalFixture(handle.db));
});
afterAll(() => handle.close());

/** Every value that exists in clear only outside the database (or only in the customer's inbox). */
function secretsInClear(w: World): string[] {
  const values = [w.a, w.b, w.global].flatMap((x) => [...Object.values(x.canaries.secret), x.canaries.data.emailBody].filter((v): v is string => !!v));
  // Encoded forms too: a "ciphertext" that is only base64 or hex of the secret is still the secret.
  return values.flatMap((v) => [v, Buffer.from(v).toString("base64").replace(/=+$/, ""), Buffer.from(v).toString("hex")]);
}

describe("secrets at rest", () => {
  it("every secret column of the schema holds a canary in the fixture world (none escapes the scan)", async () => {
    const columns = rowsOf<{ table_name: string; column_name: string }>(
      await handle.db.execute(sql`select table_name, column_name from information_schema.columns where table_schema = 'public' order by 1, 2`),
    ).filter((c) => SECRET_COLUMN.test(c.column_name));
    expect(columns.length).toBeGreaterThan(5);
    const empty: string[] = [];
    for (const { table_name, column_name } of columns) {
      const [row] = rowsOf<{ n: number }>(await handle.db.execute(sql.raw(`select count(*)::int as n from "${table_name}" where "${column_name}" is not null`)));
      if (!row?.n) empty.push(`${table_name}.${column_name}`);
    }
    expect(empty).toEqual([]);
  });

  it("no secret column holds its canary in clear (read back through SQL)", async () => {
    const dump = rowsOf<{ t: string }>(
      await handle.db.execute(sql`select string_agg(x::text, ' ') as t from (
        select row_to_json(s)::text as x from sinch_projects s union all select row_to_json(w)::text from webhooks w
        union all select row_to_json(c)::text from channel_connections c union all select row_to_json(l)::text from channel_login_sessions l
        union all select row_to_json(o)::text from outbound_emails o union all select row_to_json(g)::text from settings g
        union all select row_to_json(a)::text from access_grants a union all select row_to_json(cs)::text from customer_sessions cs
        union all select row_to_json(u)::text from users u union all select row_to_json(p)::text from password_tokens p
        union all select row_to_json(al)::text from audit_log al union all select row_to_json(ee)::text from event_endpoints ee) q`),
    )[0]!.t;
    expect(findCanaries(dump, [world.b.canaries.data.grantNote!])).toHaveLength(1);
    expect(findCanaries(dump, secretsInClear(world))).toEqual([]);
  });

  if (usingPostgres()) {
    it("pg_dump of the whole database contains none of the secrets in clear", async () => {
      expect(existsSync(PG_DUMP)).toBe(true);
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${handle.name}`;
      const { stdout } = await promisify(execFile)(PG_DUMP, ["--no-owner", "--no-privileges", "-d", url.toString()], { maxBuffer: 512 * 1024 * 1024 });
      // The dump has the data (a customer name and a message text are plain data), not the secrets.
      expect(findCanaries(stdout, [world.a.canaries.data.businessName!, world.b.canaries.data.messageText!])).toHaveLength(2);
      expect(findCanaries(stdout, secretsInClear(world))).toEqual([]);
    });
  }
});
