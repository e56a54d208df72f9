// Creates the first admin (SEED_ADMIN_EMAIL / SEED_ADMIN_PASSWORD, or printed generated ones) and
// demo data. Idempotent: running it twice changes nothing.
import { env } from "../src/env";
import { createDb } from "../src/server/db/client";
import { seedDemoData } from "../src/server/services/seed";
import { bootstrapAdmin, DEFAULT_ADMIN_EMAIL } from "../src/server/services/bootstrap";

const handle = createDb({ databaseUrl: env.DATABASE_URL, pgliteDir: env.pgliteDir });
await handle.migrate();
const admin = await bootstrapAdmin(handle.db, { email: env.SEED_ADMIN_EMAIL, password: env.SEED_ADMIN_PASSWORD });
if (admin?.generatedPassword) console.log(`Admin created: ${admin.email}\nPassword: ${admin.generatedPassword}`);
else if (admin) console.log(`Admin created: ${admin.email}`);
else console.log(`Users already exist; admin unchanged (${env.SEED_ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL}).`);
const demo = await seedDemoData(handle.db);
console.log(demo.summary);
await handle.close();
