import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { freePort } from "../../scripts/lib/processes";

declare module "vitest" {
  export interface ProvidedContext {
    emulatorUrl: string;
  }
}

const root = fileURLToPath(new URL("../..", import.meta.url));

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`emulator exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${url}/_emulator/clock`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`emulator did not answer /_emulator/clock within 30 s:\n${output()}`);
}

/**
 * Runs the emulator as its own process, exactly like the portal meets the real services: over HTTP,
 * configured only through base URLs. Short delays keep asynchronous state changes test-sized; the
 * Sinch token lifetime is shortened so the expiry test advances the clock by minutes, not an hour.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = "";
  const child = spawn(`${root}node_modules/.bin/tsx`, ["emulator/src/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      EMULATOR_PORT: String(port),
      EMULATOR_HOST: "127.0.0.1",
      EMULATOR_CREDENTIAL_DELAY_MS: "100",
      EMULATOR_SENDER_DELAY_MS: "100",
      EMULATOR_DLR_DELAY_MS: "50",
      EMULATOR_SINCH_TOKEN_TTL_S: "300",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  try {
    await waitUntilUp(url, child, () => log);
  } catch (err) {
    child.kill("SIGTERM");
    throw err;
  }
  project.provide("emulatorUrl", url);
  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
}
