// Applies the committed migrations in drizzle/ to DATABASE_URL, or to the embedded database folder.
// Do not run it against a PGlite folder that a running server holds (PGlite has no lock).
import { env } from "../src/env";
import { createDb } from "../src/server/db/client";

const handle = createDb({ databaseUrl: env.DATABASE_URL, pgliteDir: env.pgliteDir });
await handle.migrate();
console.log(`Migrations applied (${handle.driver}).`);
await handle.close();
