import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";

/** Postgres binaries: PG_BIN, else the newest /usr/lib/postgresql/<v>/bin. */
function pgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  if (!versions[0]) throw new Error("Postgres binaries not found (set PG_BIN)");
  return path.join(base, versions[0], "bin");
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface PrivatePostgres {
  url: string;
  /** `fast` ends sessions cleanly; `immediate` is a crash (no shutdown checkpoint, sockets cut). */
  stop(mode?: "fast" | "immediate"): void;
  start(): void;
  destroy(): void;
}

/**
 * A Postgres server this test file alone controls, so it can be stopped and restarted in the
 * middle of a stream of callbacks without disturbing the shared test server. As root it runs as
 * the `postgres` (or `portaltest`) system user, since Postgres refuses to run as root.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = pgBin();
  const root = process.getuid?.() === 0;
  const runAs = root ? (["postgres", "portaltest"].find((u) => { try { execFileSync("id", ["-u", u], { stdio: "ignore" }); return true; } catch { return false; } }) ?? "postgres") : userInfo().username;
  const dir = mkdtempSync(path.join(tmpdir(), "inbox-pg-"));
  if (root) {
    const uid = Number(execFileSync("id", ["-u", runAs]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", runAs]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (cmd: string, args: string[]) =>
    root ? execFileSync("runuser", ["-u", runAs, "--", path.join(bin, cmd), ...args], { cwd: dir, stdio: "pipe" }) : execFileSync(path.join(bin, cmd), args, { cwd: dir, stdio: "pipe" });
  const data = path.join(dir, "data");
  const port = await freePort();
  run("initdb", ["-D", data, "-U", runAs, "--auth=trust", "--no-sync"]);
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} -c fsync=off`;
  const start = () => void run("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
  start();
  return {
    url: `postgres://${runAs}@127.0.0.1:${port}/postgres`,
    stop: (mode = "fast") => void run("pg_ctl", ["-D", data, "-m", mode, "-w", "stop"]),
    start,
    destroy: () => {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
