import { Server } from "node:http";
import { env } from "@/env";
import { dbHandle } from "@/server/db";
import { safeError } from "@/server/db/errors";
import { logger } from "@/server/log";

const HARD_LIMIT_MS = 25_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * The HTTP servers of this process (server.mjs owns the listening one), found among the process's
 * active handles so this module needs no reference to them.
 */
export function httpServers(): Server[] {
  const handles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.() ?? [];
  return handles.filter((h): h is Server => h instanceof Server && h.listening);
}

/** Stops accepting; keep-alive connections are closed as soon as their last response is sent. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
  });
}

export interface ShutdownSteps {
  drainMs: number;
  servers: () => Server[];
  stopJobs: () => Promise<void>;
  closeDb: () => Promise<void>;
  exit: (code: number) => void;
}

// On globalThis: Next compiles the instrumentation hook (which installs the signal handlers) and the
// health route into separate bundles, each with its own copy of this module; a module-level flag set
// by one copy was never seen by the other, so /api/health kept answering 200 while draining.
const shared = globalThis as unknown as { __portalDraining?: boolean };

/** True once a shutdown signal arrived: health checks answer 503 so a load balancer stops sending. */
export function isDraining(): boolean {
  return shared.__portalDraining === true;
}

/**
 * Graceful stop, in the order that loses nothing: keep serving for `drainMs` (requests already
 * queued on the socket and whatever a load balancer still sends while it notices the 503 health
 * check), stop accepting and let in-flight requests finish, stop the job workers (a running job
 * finishes; an unfinished one is retried after restart), close the database pool, exit 0.
 */
export async function shutdown(signal: string, steps: ShutdownSteps): Promise<void> {
  if (shared.__portalDraining) return;
  shared.__portalDraining = true;
  logger.info({ signal, drainMs: steps.drainMs }, "shutting down: draining");
  const hardStop = setTimeout(() => {
    logger.error({ signal }, "shutdown took too long; exiting");
    steps.exit(1);
  }, HARD_LIMIT_MS);
  hardStop.unref();
  await sleep(steps.drainMs);
  await Promise.all(steps.servers().map(closeServer));
  for (const [name, step] of [["jobs", steps.stopJobs], ["database", steps.closeDb]] as const) {
    await step().catch((err: unknown) => logger.warn({ step: name, err: safeError(err) }, "shutdown step failed"));
  }
  logger.info({ signal }, "shut down");
  clearTimeout(hardStop);
  steps.exit(0);
}

/** Installed at start when Next leaves the signals to us (`NEXT_MANUAL_SIG_HANDLE`, set by server.mjs in production). */
export function installShutdownHandlers(): void {
  if (!env.NEXT_MANUAL_SIG_HANDLE) return;
  const steps: ShutdownSteps = {
    drainMs: env.SHUTDOWN_DRAIN_MS,
    servers: httpServers,
    stopJobs: async () => (await import("@/server/jobs")).stopJobs(),
    closeDb: () => dbHandle().close(),
    exit: (code) => process.exit(code),
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void shutdown(signal, steps));
}
