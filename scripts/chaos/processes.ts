import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "../..");
export const bin = (name: string) => path.join(root, "node_modules/.bin", name);
export type Env = Record<string, string | undefined>;

export interface Proc {
  name: string;
  child: ChildProcess;
  log: string;
}

/** A long-running child in its own process group, output appended to a log file. */
export function startProc(name: string, cmd: string, args: string[], env: Env, log: string): Proc {
  const fd = openSync(log, "a");
  const child = spawn(cmd, args, { cwd: root, env: env as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  return { name, child, log };
}

export const alive = (p: Proc) => p.child.exitCode === null && p.child.signalCode === null;

export function signal(p: Proc, sig: NodeJS.Signals): void {
  if (p.child.pid && alive(p)) process.kill(-p.child.pid, sig);
}

export async function exited(p: Proc, timeoutMs: number): Promise<boolean> {
  if (!alive(p)) return true;
  return Promise.race([new Promise<boolean>((r) => p.child.once("exit", () => r(true))), new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs).unref())]);
}

export async function stop(p: Proc): Promise<void> {
  signal(p, "SIGTERM");
  if (!(await exited(p, 10_000))) signal(p, "SIGKILL");
  await exited(p, 5_000);
}

export function tail(log: string, lines = 30): string {
  try {
    return readFileSync(log, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

export async function waitHttp(url: string, p: Proc, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(p)) throw new Error(`${p.name} exited before ${url} answered\n${tail(p.log)}`);
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms\n${tail(p.log)}`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
