#!/usr/bin/env node
// The container, without Docker: assembles exactly what the Dockerfile's runtime stage copies (read
// from the Dockerfile itself: its WORKDIR, ENV, `COPY --from=build` lines, HEALTHCHECK and CMD) from
// this folder's `next build` into an empty folder outside the repository (so nothing resolves
// through the repo's node_modules), starts it with the image's command and environment, then checks:
// /api/health 200, a page and its script assets, the webhook route answered by the portal's server,
// the HEALTHCHECK command exit 0, and SIGTERM: 503 "draining" on /api/health during the drain, exit 0.
// Also lints compose.yaml (dclint: YAML and the compose-spec schema, then its rules) and shows that
// the lint refuses a file the schema forbids.
// Run by the e2e tier of `npm test` after its build; alone: `TEST_DATABASE_URL=postgres://… node scripts/test/container.mjs`.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { bin, ROOT, run } from "./proc.mjs";

/** The runtime stage of the Dockerfile: what it copies, its environment, health check and command. */
export function runtimeStage(dockerfile = readFileSync(path.join(ROOT, "Dockerfile"), "utf8")) {
  const lines = dockerfile.replace(/\\\n\s*/g, " ").split("\n").map((l) => l.trim());
  const start = lines.findIndex((l) => /^FROM\s+\S+\s+AS\s+runtime$/i.test(l));
  if (start < 0) throw new Error("Dockerfile has no `FROM … AS runtime` stage");
  const end = lines.findIndex((l, i) => i > start && /^FROM\s/i.test(l));
  const stage = lines.slice(start + 1, end < 0 ? undefined : end);
  const stage_ = { workdir: "/", env: {}, copies: [], healthcheck: null, cmd: null, user: null };
  for (const line of stage) {
    const [, op, rest] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    if (op === "WORKDIR") stage_.workdir = rest;
    else if (op === "ENV") for (const [, k, v] of rest.matchAll(/(\w+)=(\S+)/g)) stage_.env[k] = v;
    else if (op === "USER") stage_.user = rest;
    else if (op === "COPY") {
      const parts = rest.split(/\s+/);
      const from = parts.find((p) => p.startsWith("--from="))?.slice(7);
      const [src, dest] = parts.filter((p) => !p.startsWith("--"));
      if (from !== "build") throw new Error(`runtime stage copies from "${from ?? "the context"}": only the build stage is assembled here`);
      stage_.copies.push({ src, dest });
    } else if (op === "HEALTHCHECK") stage_.healthcheck = JSON.parse(rest.slice(rest.indexOf("CMD") + 3).trim());
    else if (op === "CMD") stage_.cmd = JSON.parse(rest);
  }
  return stage_;
}

/** Copies each `COPY --from=build /app/x dest` from this folder (the build stage's /app) into `dir`. */
function assemble(stage, dir) {
  for (const { src, dest } of stage.copies) {
    const from = path.join(ROOT, path.relative("/app", src));
    const to = path.resolve(dir, path.relative(stage.workdir, path.resolve(stage.workdir, dest)));
    if (!existsSync(from)) throw new Error(`${src} does not exist (run next build first)`);
    cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(url, child, logs, ms = 120_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${logs().slice(-1500)}`);
    const res = await fetch(url).catch(() => null);
    if (res?.ok) return;
    await sleep(300);
  }
  throw new Error(`${url} did not answer 200 within ${ms / 1000} s: ${logs().slice(-1500)}`);
}

export async function containerCheck({ databaseUrl, port }) {
  const problems = [];
  const expect = (ok, message) => void (ok || problems.push(message));

  // compose.yaml: schema and rules pass, and the schema check is real (an unknown key fails it).
  const lint = await run(bin("dclint"), ["--max-warnings", "0", "compose.yaml"], { capture: true });
  expect(lint.code === 0, `dclint compose.yaml failed:\n${lint.output}`);
  const bad = path.join(mkdtempSync(path.join(tmpdir(), "portal-compose-")), "compose.yaml");
  writeFileSync(bad, readFileSync(path.join(ROOT, "compose.yaml"), "utf8").replace("stop_grace_period:", "stop_grace_periods:"));
  const badLint = await run(bin("dclint"), ["-c", path.join(ROOT, ".dclintrc.json"), bad], { capture: true });
  expect(badLint.code !== 0 && /invalid-schema/.test(badLint.output), `dclint accepted a compose file the compose-spec schema forbids:\n${badLint.output}`);
  rmSync(path.dirname(bad), { recursive: true, force: true });

  const stage = runtimeStage();
  expect(stage.user && stage.user !== "root", `the runtime stage runs as ${stage.user ?? "root"}`);
  expect(stage.healthcheck?.join(" ").includes("/api/health"), "the HEALTHCHECK does not ask /api/health");
  const dir = mkdtempSync(path.join(tmpdir(), "portal-container-"));
  const dbName = `container_${randomBytes(4).toString("hex")}`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${dbName}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${dbName}`;
  let child = null;
  try {
    assemble(stage, dir);
    const env = {
      PATH: process.env.PATH,
      ...stage.env,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: url.toString(),
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      ENCRYPTION_KEYS: `c1:${randomBytes(32).toString("base64")}`,
      AUTH_TRUST_HOST: "true",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      JOBS_ENABLED: "true",
      SHUTDOWN_DRAIN_MS: "1500",
      LOG_LEVEL: "warn",
    };
    let out = "";
    child = spawn(stage.cmd[0] === "node" ? process.execPath : stage.cmd[0], stage.cmd.slice(1), { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/api/health`, child, () => out);

    const health = await fetch(`${base}/api/health`);
    expect(health.status === 200 && (await health.json()).status === "ok", `/api/health answered ${health.status}`);
    const page = await fetch(`${base}/sign-in`);
    const html = await page.text();
    expect(page.status === 200 && /<form/i.test(html), `/sign-in answered ${page.status} without a form`);
    const scripts = [...html.matchAll(/src="(\/_next\/static\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length > 0, "/sign-in references no script under /_next/static");
    for (const src of scripts.slice(0, 5)) {
      const asset = await fetch(`${base}${src}`);
      await asset.arrayBuffer();
      expect(asset.status === 200, `${src} answered ${asset.status}`);
    }
    // Answered by the portal's own server: an unsigned callback for an unknown app is 404, a GET 405.
    const webhook = await fetch(`${base}/api/webhooks/sinch/UNKNOWNAPP`, { method: "POST", body: "{}" });
    expect(webhook.status === 404, `webhook POST answered ${webhook.status}`);
    expect((await fetch(`${base}/api/webhooks/sinch/UNKNOWNAPP`)).status === 405, "webhook GET not refused with 405");

    const probe = await run(stage.healthcheck[0] === "node" ? process.execPath : stage.healthcheck[0], stage.healthcheck.slice(1), { env, capture: true, cwd: dir });
    expect(probe.code === 0, `the HEALTHCHECK command exited ${probe.code}: ${probe.output}`);

    const exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    await sleep(300);
    const draining = await fetch(`${base}/api/health`).catch((err) => err);
    expect(draining.status === 503 && (await draining.json()).status === "draining", `/api/health during the drain: ${draining.status ?? draining.message}`);
    const code = await Promise.race([exited, sleep(30_000).then(() => "timeout")]);
    expect(code === 0, `after SIGTERM the server exited with ${code}`);
    const badHealth = await run(stage.healthcheck[0] === "node" ? process.execPath : stage.healthcheck[0], stage.healthcheck.slice(1), { env, capture: true, cwd: dir });
    expect(badHealth.code !== 0, "the HEALTHCHECK command passed with the server stopped");
    if (problems.length) problems.push(`server output:\n${out.slice(-2000)}`);
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
  } finally {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  if (!databaseUrl) {
    console.error("Set TEST_DATABASE_URL to a Postgres server (a database is created and dropped).");
    process.exit(2);
  }
  const problems = await containerCheck({ databaseUrl, port: Number(process.env.CONTAINER_TEST_PORT ?? 3290) });
  for (const p of problems) console.log(`  ${p}`);
  console.log(problems.length ? `container check: ${problems.length} problems` : "container check passed");
  process.exitCode = problems.length ? 1 : 0;
}
