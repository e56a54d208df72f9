import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";

export interface EmulatorProcess {
  url: string;
  /** JSON call to the emulator's control API (`/_emulator/...`). */
  control<T = unknown>(method: string, pathname: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, "../../..");

/**
 * Starts the emulator as a separate process (real HTTP, as in production) on this worker's port,
 * with short, test-friendly delays. Overrides go to its environment.
 */
export async function startEmulatorProcess(env: Record<string, string> = {}): Promise<EmulatorProcess> {
  const port = process.env.TEST_EMULATOR_PORT!;
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(path.join(root, "node_modules/.bin/tsx"), ["emulator/src/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      EMULATOR_PORT: port,
      EMULATOR_CREDENTIAL_DELAY_MS: "200",
      EMULATOR_SENDER_DELAY_MS: "200",
      EMULATOR_DLR_DELAY_MS: "50",
      EMULATOR_CALLBACK_RETRY_MS: "100,200,400",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`emulator exited early: ${output.slice(-2000)}`);
    try {
      const res = await fetch(`${url}/_emulator/clock`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`emulator did not start: ${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async control<T>(method: string, pathname: string, body?: unknown): Promise<T> {
      const res = await fetch(`${url}${pathname}`, {
        method,
        headers: body === undefined ? undefined : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`emulator control ${method} ${pathname} → ${res.status}: ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 3000).unref();
      }),
  };
}

/** beforeAll/afterAll wiring for a test file that needs the emulator. */
export function useEmulator(env?: Record<string, string>): { current: EmulatorProcess } {
  const ref = { current: undefined as unknown as EmulatorProcess };
  beforeAll(async () => {
    ref.current = await startEmulatorProcess(env);
  }, 30_000);
  afterAll(async () => {
    await ref.current?.stop();
  });
  return ref;
}
