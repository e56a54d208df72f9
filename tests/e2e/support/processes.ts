import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

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
export function startProcess(name: string, command: string, args: string[], env: EnvVars, logFile: string, cwd = process.cwd()): Started {
  const fd = openSync(logFile, "w");
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

/** Polls a URL until it answers with the expected status; fails early if the process died. */
export async function waitForHttp(url: string, proc: Started, timeoutMs: number, expectedStatus = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`${proc.name} exited (${proc.child.exitCode ?? proc.child.signalCode}) before ${url} answered\n${logTail(proc.logFile)}`);
    }
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(10_000) });
      if (res.status === expectedStatus) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer ${expectedStatus} within ${timeoutMs} ms (last: ${last})\n${logTail(proc.logFile)}`);
}

/** SIGTERM to the whole process group, SIGKILL if it is still there after a grace period. */
export async function stopProcess(proc: Started, graceMs = 5_000): Promise<void> {
  const pid = proc.child.pid;
  if (pid === undefined || proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.child.once("exit", () => resolve()));
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return; // already gone
  }
  const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), graceMs).unref());
  if ((await Promise.race([exited, timer])) === "timeout") {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // exited between the check and the kill
    }
    await exited;
  }
}
