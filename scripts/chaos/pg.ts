import { spawnSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { freePort } from "../lib/processes";

/** The port named by an environment variable, or a free one. */
export async function chosenPort(variable: string): Promise<number> {
  const fixed = Number(process.env[variable]);
  return Number.isInteger(fixed) && fixed > 0 ? fixed : freePort();
}

const PG_BIN = "/usr/lib/postgresql/15/bin";
const USER = "portaltest";
const isRoot = () => process.getuid?.() === 0;

function run(cmd: string, args: string[], cwd: string): { code: number; output: string } {
  const full = isRoot() ? ["runuser", ["-u", USER, "--", cmd, ...args]] as const : [cmd, args] as const;
  const r = spawnSync(full[0], [...full[1]], { cwd, encoding: "utf8" });
  return { code: r.status ?? 1, output: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

/**
 * A throwaway Postgres 15 that can be stopped hard (`-m immediate`, as a crash) and started again on
 * the same data folder, so the chaos run sees real crash recovery. Postgres refuses root, so as root
 * it runs as a system user (created when missing, as scripts/test/postgres.mjs does).
 */
export async function chaosPostgres() {
  if (isRoot() && spawnSync("id", ["-u", USER], { stdio: "ignore" }).status !== 0) {
    spawnSync("useradd", ["--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", USER], { stdio: "inherit" });
  }
  const dir = mkdtempSync(path.join(tmpdir(), "portal-chaos-pg-"));
  if (isRoot()) {
    const id = (flag: string) => Number(spawnSync("id", [flag, USER], { encoding: "utf8" }).stdout.trim());
    chownSync(dir, id("-u"), id("-g"));
  }
  const data = path.join(dir, "data");
  const user = isRoot() ? USER : userInfo().username;
  const port = await chosenPort("CHAOS_PG_PORT");
  const init = run(`${PG_BIN}/initdb`, ["-D", data, "-U", user, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"], dir);
  if (init.code !== 0) throw new Error(`initdb failed: ${init.output}`);
  // Durable settings on purpose: a crash must not lose what was committed before it.
  const options = ["-c listen_addresses=127.0.0.1", `-p ${port}`, `-c unix_socket_directories=${dir}`, "-c max_connections=200"].join(" ");
  const pg = {
    url: `postgres://${user}@127.0.0.1:${port}/postgres`,
    start() {
      const r = run(`${PG_BIN}/pg_ctl`, ["-D", data, "-l", path.join(dir, "server.log"), "-o", options, "-w", "-t", "120", "start"], dir);
      if (r.code !== 0) throw new Error(`pg_ctl start failed: ${r.output}`);
    },
    /** An immediate stop: no checkpoint, clients cut off, recovery on the next start (a crash). */
    crash() {
      run(`${PG_BIN}/pg_ctl`, ["-D", data, "-m", "immediate", "-w", "stop"], dir);
    },
    remove() {
      run(`${PG_BIN}/pg_ctl`, ["-D", data, "-m", "immediate", "-w", "stop"], dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  pg.start();
  return pg;
}
