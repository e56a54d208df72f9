import { spawnSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { freePort } from "./ports.mjs";
import { run } from "./proc.mjs";
import { PG_BIN, isRoot } from "./system.mjs";

const USER = "portaltest";

/** Postgres refuses to run as root: as root the server runs as a system user made for it. */
async function ensureUser() {
  const exists = spawnSync("id", ["-u", USER], { stdio: "ignore" }).status === 0;
  if (!exists) {
    const { code, output } = await run("useradd", ["--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", USER], { capture: true });
    if (code !== 0) throw new Error(`useradd ${USER} failed: ${output.trim()}`);
  }
  const ids = (flag) => Number(spawnSync("id", [flag, USER], { encoding: "utf8" }).stdout.trim());
  return { uid: ids("-u"), gid: ids("-g") };
}

/**
 * Starts a throwaway Postgres 15: its own folder in the temp dir, listening on 127.0.0.1 at a free
 * port (unix socket in the same folder, so no system path is touched), trust auth for the local user.
 * Durability is switched off: the data is gone at the end anyway.
 */
export async function startPostgres() {
  const root = isRoot();
  const dir = mkdtempSync(path.join(tmpdir(), "portal-pg-"));
  const user = root ? USER : userInfo().username;
  let as = (cmd, args) => run(cmd, args, { cwd: dir, capture: true });
  if (root) {
    const { uid, gid } = await ensureUser();
    chownSync(dir, uid, gid);
    as = (cmd, args) => run("runuser", ["-u", USER, "--", cmd, ...args], { cwd: dir, capture: true });
  }
  const data = path.join(dir, "data");
  const port = await freePort();
  const remove = () => rmSync(dir, { recursive: true, force: true });

  const init = await as(`${PG_BIN}/initdb`, ["-D", data, "-U", user, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"]);
  if (init.code !== 0) {
    remove();
    throw new Error(`initdb failed:\n${init.output}`);
  }
  const options = [
    "-c listen_addresses=127.0.0.1",
    `-p ${port}`,
    `-c unix_socket_directories=${dir}`,
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=200",
  ].join(" ");
  const start = await as(`${PG_BIN}/pg_ctl`, ["-D", data, "-l", path.join(dir, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
  if (start.code !== 0) {
    remove();
    throw new Error(`pg_ctl start failed:\n${start.output}`);
  }
  let stopped = false;
  return {
    url: `postgres://${user}@127.0.0.1:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await as(`${PG_BIN}/pg_ctl`, ["-D", data, "-m", "immediate", "-w", "stop"]);
      remove();
    },
    /** Synchronous variant for exit paths where no promise will be awaited. */
    stopSync() {
      if (stopped) return;
      stopped = true;
      const args = ["-D", data, "-m", "immediate", "-w", "stop"];
      if (root) spawnSync("runuser", ["-u", USER, "--", `${PG_BIN}/pg_ctl`, ...args], { cwd: dir, stdio: "ignore" });
      else spawnSync(`${PG_BIN}/pg_ctl`, args, { cwd: dir, stdio: "ignore" });
      remove();
    },
  };
}
