#!/usr/bin/env node
// Runs every test tier and prints one final line `N passed, N failed` (see README, "Tests").
// TEST_TIERS=unit,integration,postgres,checks,e2e,scale selects a subset; the default is all of them.
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { emulatorUrls } from "./lib/emulator-urls.mjs";
import { envAccessCheck, secretScan } from "./test/checks.mjs";
import { containerCheck } from "./test/container.mjs";
import { preferredPort } from "./test/ports.mjs";
import { startPostgres } from "./test/postgres.mjs";
import { bin, killActive, run, seconds } from "./test/proc.mjs";
import { playwrightCounts, vitestCounts } from "./test/report.mjs";
import { ensureSystem } from "./test/system.mjs";

const ALL = ["unit", "integration", "postgres", "checks", "e2e", "scale"];
const requested = (process.env.TEST_TIERS ?? "").split(",").map((t) => t.trim()).filter(Boolean);
const unknown = requested.filter((t) => !ALL.includes(t));
if (unknown.length > 0) {
  console.error(`Unknown TEST_TIERS entry: ${unknown.join(", ")} (choose from ${ALL.join(", ")})`);
  process.exit(2);
}
const selected = new Set(requested.length > 0 ? requested : ALL);

const tmp = mkdtempSync(path.join(tmpdir(), "portal-test-"));
const results = [];
let postgres = null;

function record(name, counts, ms) {
  results.push({ name, ...counts, ms });
  const skipped = counts.skipped ? `, ${counts.skipped} skipped` : "";
  const note = counts.note ? ` — ${counts.note}` : "";
  console.log(`\n[${name}] ${counts.passed} passed, ${counts.failed} failed${skipped} (${seconds(ms)})${note}\n`);
}

/** A check that is one test: passed when `problems` is empty. */
function recordCheck(name, problems, ms) {
  for (const problem of problems) console.log(`  ${problem}`);
  record(name, { passed: problems.length ? 0 : 1, failed: problems.length ? 1 : 0 }, ms);
}

function withoutDatabase(env) {
  const copy = { ...env };
  delete copy.TEST_DATABASE_URL;
  delete copy.DATABASE_URL;
  return copy;
}

async function vitest(name, projects, env, extraArgs = []) {
  const start = Date.now();
  const outputFile = path.join(tmp, `${name.replace(/\W+/g, "-")}.json`);
  const args = ["run", ...projects.flatMap((p) => ["--project", p]), "--passWithNoTests", "--reporter=default", "--reporter=json", `--outputFile.json=${outputFile}`, ...extraArgs];
  const { code } = await run(bin("vitest"), args, { env });
  record(name, vitestCounts(outputFile, code), Date.now() - start);
}

const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" };

// Secrets only the build sees; afterwards none of them may appear in what browsers download.
const buildSecrets = { AUTH_SECRET: randomBytes(32).toString("base64url"), encryptionKey: randomBytes(32).toString("base64") };

function buildEnv(emulatorURL) {
  const env = withoutDatabase(baseEnv);
  delete env.NODE_ENV; // next build sets production itself
  return {
    ...env,
    AUTH_SECRET: buildSecrets.AUTH_SECRET,
    ENCRYPTION_KEYS: `build1:${buildSecrets.encryptionKey}`,
    // Production configuration needs a DATABASE_URL; the build never connects to it.
    DATABASE_URL: "postgres://build@127.0.0.1:1/build",
    ...emulatorUrls(emulatorURL),
  };
}

async function typecheck(env, built) {
  const start = Date.now();
  // tsc needs Next's generated route types; without a build in this run, generate just those.
  if (!built) await run(bin("next"), ["typegen"], { env, capture: true });
  const { code } = await run(bin("tsc"), ["--noEmit"], { env });
  recordCheck("typecheck", code === 0 ? [] : [`tsc --noEmit exited with ${code}`], Date.now() - start);
}

async function main() {
  const needsPostgres = selected.has("postgres") || selected.has("e2e") || selected.has("scale");
  const system = await ensureSystem({ chromium: selected.has("e2e"), postgres: needsPostgres });

  let databaseUrl = process.env.TEST_DATABASE_URL;
  if (!databaseUrl && needsPostgres && system.postgres) {
    try {
      postgres = await startPostgres();
      databaseUrl = postgres.url;
      console.log(`[setup] throwaway Postgres at ${databaseUrl}`);
    } catch (err) {
      console.log(`[setup] could not start Postgres: ${err instanceof Error ? err.message : err}`);
    }
  }

  if (selected.has("unit")) await vitest("unit+emulator+contract", ["unit", "emulator", "contract"], withoutDatabase(baseEnv));
  if (selected.has("integration")) await vitest("integration (PGlite)", ["integration"], withoutDatabase(baseEnv));
  if (selected.has("postgres")) {
    // The 74,000-input procedure fuzz runs once, in the PGlite tier: it proves input handling, which
    // does not depend on the driver (the callback fuzz, which does touch storage, runs in both).
    if (databaseUrl) await vitest("integration (Postgres)", ["integration", "postgres"], { ...withoutDatabase(baseEnv), TEST_DATABASE_URL: databaseUrl }, ["--exclude", "tests/integration/proof/procedure-fuzz-*.test.ts"]);
    else record("integration (Postgres)", { passed: 0, failed: 1, note: "no Postgres server (install postgresql or set TEST_DATABASE_URL)" }, 0);
  }

  let built = false;
  const emulatorPort = await preferredPort(4010);
  const env = buildEnv(`http://127.0.0.1:${emulatorPort}`);
  if (selected.has("e2e")) {
    const start = Date.now();
    console.log("[e2e] next build");
    const build = await run(bin("next"), ["build"], { env });
    built = build.code === 0;
    console.log(`[e2e] next build ${built ? "finished" : `failed (exit ${build.code})`} in ${seconds(Date.now() - start)}`);
  }

  if (selected.has("checks")) {
    await typecheck(env, built);
    const start = Date.now();
    recordCheck("process.env only in src/env.ts", envAccessCheck().map((o) => `reads process.env: ${o}`), Date.now() - start);
  }

  if (selected.has("e2e")) {
    const start = Date.now();
    const scan = built ? secretScan([
      { name: "AUTH_SECRET", value: buildSecrets.AUTH_SECRET },
      { name: "ENCRYPTION_KEYS", value: buildSecrets.encryptionKey },
      { name: "META_APP_SECRET (emulator default)", value: "emu-meta-app-secret" },
      { name: "SINCH_KEY_SECRET (emulator default)", value: "emu-key-secret" },
    ]) : null;
    const problems = !scan ? ["next build failed: nothing to scan"] : scan.files === 0 ? [".next/static is empty"] : scan.hits;
    recordCheck("no secrets in .next/static", problems, Date.now() - start);

    // What the Dockerfile's runtime stage copies, assembled from this build and started alone;
    // compose.yaml linted against the compose-spec schema.
    const containerStart = Date.now();
    const containerProblems = !built ? ["next build failed: nothing to assemble"] : !databaseUrl ? ["no Postgres server for the container check"] : await containerCheck({ databaseUrl, port: await preferredPort(3290) });
    recordCheck("container (Dockerfile runtime stage, compose.yaml)", containerProblems, Date.now() - containerStart);

    const e2eStart = Date.now();
    if (!built) record("e2e (Playwright)", { passed: 0, failed: 1, note: "next build failed" }, 0);
    else if (!system.chromium) record("e2e (Playwright)", { passed: 0, failed: 1, note: "Chromium missing (apt-get install -y chromium)" }, 0);
    else {
      const report = path.join(tmp, "e2e.json");
      const e2eEnv = { ...withoutDatabase(baseEnv), E2E_EMULATOR_PORT: String(emulatorPort), E2E_JSON_REPORT: report };
      if (databaseUrl) e2eEnv.TEST_DATABASE_URL = databaseUrl;
      const { code } = await run(bin("playwright"), ["test"], { env: e2eEnv });
      record(`e2e (Playwright, ${databaseUrl ? "Postgres" : "PGlite"})`, playwrightCounts(report, code), Date.now() - e2eStart);
    }
  }

  if (selected.has("scale")) await scaleTier(databaseUrl, env, built);
}

/** Two `node server.mjs` on one Postgres behind a round-robin proxy; runs on the e2e tier's build, or builds one. */
async function scaleTier(databaseUrl, env, built) {
  const name = "scale (two instances, Postgres)";
  if (!databaseUrl) return record(name, { passed: 0, failed: 1, note: "no Postgres server (install postgresql or set TEST_DATABASE_URL)" }, 0);
  if (!built && !existsSync(path.join(process.cwd(), ".next/BUILD_ID"))) {
    const start = Date.now();
    console.log("[scale] no build found: next build");
    const build = await run(bin("next"), ["build"], { env });
    console.log(`[scale] next build ${build.code === 0 ? "finished" : `failed (exit ${build.code})`} in ${seconds(Date.now() - start)}`);
    if (build.code !== 0) return record(name, { passed: 0, failed: 1, note: "next build failed" }, 0);
  }
  const countsFile = path.join(tmp, "scale-counts.json");
  await vitest(name, ["scale"], { ...withoutDatabase(baseEnv), TEST_DATABASE_URL: databaseUrl, SCALE_COUNTS_FILE: countsFile });
  if (existsSync(countsFile)) {
    console.log("[scale] counts:");
    for (const [k, v] of Object.entries(JSON.parse(readFileSync(countsFile, "utf8")))) console.log(`  ${k}: ${JSON.stringify(v)}`);
  }
}

async function cleanup() {
  if (postgres) await postgres.stop().catch((err) => console.log(`[cleanup] stopping Postgres failed: ${err}`));
  rmSync(tmp, { recursive: true, force: true });
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    killActive(signal);
    postgres?.stopSync();
    rmSync(tmp, { recursive: true, force: true });
    process.exit(130);
  });
}

const started = Date.now();
try {
  await main();
} catch (err) {
  console.error(err);
  results.push({ name: "runner", passed: 0, failed: 1, ms: 0 });
} finally {
  await cleanup();
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`Summary (${seconds(Date.now() - started)} in all):`);
for (const r of results) console.log(`  [${r.name}] ${r.passed} passed, ${r.failed} failed (${seconds(r.ms)})`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
