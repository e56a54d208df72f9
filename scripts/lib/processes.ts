import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Child processes for the e2e set-up, the chaos run and the benches: one module, so starting,
 * waiting for and stopping a server behave the same everywhere.
 */

/** The repository root, and a program installed in its node_modules/.bin. */
export const root = fileURLToPath(new URL("../..", import.meta.url));
export const bin = (name: string) => path.join(root, "node_modules/.bin", name);

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Environment for a child process (Next types NODE_ENV as required; children may not need it). */
export type EnvVars = Record<string, string | undefined>;

export interface Started {
  name: string;
  child: ChildProcess;
  logFile: string;
}

/** True when nothing listens on 127.0.0.1:port. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function preferredPort(preferred: number): Promise<number> {
  return (await isPortFree(preferred)) ? preferred : freePort();
}

/**
 * Starts a long-running program in its own process group (so teardown can stop it with everything it
 * spawned), its output going to a log file rather than interleaving with the test report.
 */
export function startProcess(name: string, command: string, args: string[], env: EnvVars, logFile: string, cwd = process.cwd(), options: { appendLog?: boolean } = {}): Started {
  const fd = openSync(logFile, options.appendLog ? "a" : "w");
  const child = spawn(command, args, { cwd, env: env as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  return { name, child, logFile };
}

/** Runs a program to completion with its output in a log file; rejects with the log tail on failure. */
export function runToEnd(name: string, command: string, args: string[], env: EnvVars, logFile: string, cwd = process.cwd()): Promise<void> {
  const { child } = startProcess(name, command, args, env, logFile, cwd);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${name} exited with ${code}\n${logTail(logFile)}`))));
  });
}

export function logTail(logFile: string, lines = 40): string {
  try {
    return readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

export const alive = (proc: Started) => proc.child.exitCode === null && proc.child.signalCode === null;

/** Sends a signal to the whole process group, if it still runs. */
export function signal(proc: Started, sig: NodeJS.Signals): void {
  if (proc.child.pid === undefined || !alive(proc)) return;
  try {
    process.kill(-proc.child.pid, sig);
  } catch {
    // exited between the check and the kill
  }
}

/** Resolves true once the process has exited, false if it is still running after timeoutMs. */
export async function exited(proc: Started, timeoutMs: number): Promise<boolean> {
  if (!alive(proc)) return true;
  return Promise.race([
    new Promise<boolean>((r) => proc.child.once("exit", () => r(true))),
    new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs).unref()),
  ]);
}

/** Polls a URL until it answers with the expected status; fails early if the process died. */
export async function waitForHttp(url: string, proc: Started, timeoutMs: number, expectedStatus = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (!alive(proc)) {
      throw new Error(`${proc.name} exited (${proc.child.exitCode ?? proc.child.signalCode}) before ${url} answered\n${logTail(proc.logFile)}`);
    }
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(10_000) });
      if (res.status === expectedStatus) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer ${expectedStatus} within ${timeoutMs} ms (last: ${last})\n${logTail(proc.logFile)}`);
}

/** SIGTERM to the whole process group, SIGKILL if it is still there after a grace period. */
export async function stopProcess(proc: Started, graceMs = 5_000): Promise<void> {
  if (!alive(proc)) return;
  signal(proc, "SIGTERM");
  if (!(await exited(proc, graceMs))) {
    signal(proc, "SIGKILL");
    await exited(proc, 5_000);
  }
}
