import { env } from "@/env";
import { readyDb } from "@/server/db";
import { publishPortalHttp } from "@/server/http/server";
import { logger } from "@/server/log";
import { bootstrapAdmin } from "@/server/services/bootstrap";
import { listenForAppWebhookChanges } from "@/server/services/inbox/app-webhook";
import { installShutdownHandlers } from "@/server/shutdown";

/** Runs once per server process: migrations (both drivers), first admin in development, jobs. */
export async function startServer(): Promise<void> {
  installShutdownHandlers();
  publishPortalHttp();
  const handle = await readyDb();
  logger.info({ driver: handle.driver }, "database migrated");
  await listenForAppWebhookChanges(handle);
  if (!env.isProduction) {
    const created = await bootstrapAdmin(handle.db, { email: env.SEED_ADMIN_EMAIL, password: env.SEED_ADMIN_PASSWORD });
    if (created?.generatedPassword) {
      // Deliberately printed once, to the console only, so a newcomer can sign in (development only).
      console.log(`\n  First admin created: ${created.email}\n  Password: ${created.generatedPassword}\n  (shown once; change it in Staff)\n`);
    } else if (created) {
      console.log(`\n  First admin created: ${created.email}\n`);
    }
  }
  if (env.JOBS_ENABLED) {
    const { startJobs } = await import("@/server/jobs");
    await startJobs(handle);
  }
}
