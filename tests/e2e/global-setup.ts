import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { prepareDatabase } from "./support/database";
import { cleanEnv, emulatorUrls, fastEmulator, generateSecrets } from "./support/portal-env";
import { bin, freePort, preferredPort, root, runToEnd, startProcess, stopProcess, waitForHttp, type EnvVars } from "../../scripts/lib/processes";
import { publishState, type E2EState } from "./support/state";

const port = async (name: string) => (process.env[name] ? Number(process.env[name]) : freePort());

/**
 * The emulator port the existing build expects: next.config.ts bakes the Meta SDK origin into the
 * CSP header at build time, so the emulator has to run where the build points when it can.
 */
function builtEmulatorPort(): number | undefined {
  try {
    const manifest = readFileSync(path.join(root, ".next/routes-manifest.json"), "utf8");
    const port = /script-src[^;"]*http:\/\/127\.0\.0\.1:(\d+)/.exec(manifest)?.[1];
    return port ? Number(port) : undefined;
  } catch {
    return undefined;
  }
}

async function chooseEmulatorPort(): Promise<number> {
  if (process.env.E2E_EMULATOR_PORT) return Number(process.env.E2E_EMULATOR_PORT);
  const wanted = builtEmulatorPort() ?? 4010;
  const chosen = await preferredPort(wanted);
  if (chosen !== wanted && existsSync(path.join(root, ".next/BUILD_ID"))) {
    console.warn(`[e2e] port ${wanted} is taken: the emulator runs on ${chosen}, which the build's CSP does not name (Meta SDK pages may be blocked)`);
  }
  return chosen;
}

/**
 * Starts the emulator and the portal as `npm start` runs it (`node server.mjs`; built beforehand,
 * or here when .next/BUILD_ID is missing)
 * on free ports with a database of their own, and returns the teardown that stops both and removes
 * everything the run created.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const logDir = path.join(root, "test-results/e2e-logs");
  mkdirSync(logDir, { recursive: true });
  const workDir = mkdtempSync(path.join(tmpdir(), "portal-e2e-"));
  const cleanups: Array<() => Promise<void>> = [async () => rmSync(workDir, { recursive: true, force: true })];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => console.error("[e2e] cleanup failed:", err));
  };

  try {
    const emulatorURL = `http://127.0.0.1:${await chooseEmulatorPort()}`;
    const baseURL = `http://127.0.0.1:${await port("E2E_PORT")}`;
    const admin = { email: "admin@e2e.test", password: `e2e-${randomBytes(12).toString("base64url")}` };
    const database = await prepareDatabase(workDir);
    cleanups.push(database.drop);

    const portalEnv: EnvVars = {
      ...cleanEnv(),
      ...emulatorUrls(emulatorURL),
      ...generateSecrets(),
      ...database.env,
      AUTH_TRUST_HOST: "true",
      PUBLIC_URL: baseURL,
      DATA_DIR: path.join(workDir, "data"),
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "info",
      SEED_ADMIN_EMAIL: admin.email,
      SEED_ADMIN_PASSWORD: admin.password,
      NEXT_TELEMETRY_DISABLED: "1",
    };

    if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
      console.log("[e2e] no build found: running next build");
      // next build always runs in production mode, which needs a DATABASE_URL even though it never connects.
      const buildEnv = { ...portalEnv, NODE_ENV: undefined, DATABASE_URL: portalEnv.DATABASE_URL || "postgres://build@127.0.0.1:1/build" };
      await runToEnd("next build", bin("next"), ["build"], buildEnv, path.join(logDir, "build.log"), root);
    }

    const emulatorPort = new URL(emulatorURL).port;
    const emulator = startProcess("emulator", bin("tsx"), ["emulator/src/main.ts"], { ...cleanEnv(), ...fastEmulator, EMULATOR_PORT: emulatorPort }, path.join(logDir, "emulator.log"), root);
    cleanups.push(() => stopProcess(emulator));
    await waitForHttp(`${emulatorURL}/_emulator/clock`, emulator, 60_000);

    if (database.mode === "postgres") {
      // Production never creates an admin by itself; the operator runs the seed, so the test does too.
      // The react-server condition turns `server-only` into the no-op it is inside Next's server.
      await runToEnd("db seed", bin("tsx"), ["--conditions=react-server", "scripts/db-seed.ts"], portalEnv, path.join(logDir, "seed.log"), root);
    }

    const portalPort = new URL(baseURL).port;
    const portal = startProcess("portal", process.execPath, ["server.mjs", "-p", portalPort, "-H", "127.0.0.1"], portalEnv, path.join(logDir, "portal.log"), root);
    cleanups.push(() => stopProcess(portal));
    await waitForHttp(`${baseURL}/sign-in`, portal, 180_000);

    const state: E2EState = { baseURL, emulatorURL, adminEmail: admin.email, adminPassword: admin.password, database: database.mode };
    publishState(state);
    writeFileSync(path.join(logDir, "state.json"), JSON.stringify({ ...state, adminPassword: "(in E2E_ADMIN_PASSWORD)" }, null, 2));
    console.log(`[e2e] portal ${baseURL} (${database.mode}), emulator ${emulatorURL}, logs in ${path.relative(root, logDir)}/`);
    return teardown;
  } catch (err) {
    await teardown();
    throw err;
  }
}
