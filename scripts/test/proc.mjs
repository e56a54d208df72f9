import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const bin = (name) => `${ROOT}node_modules/.bin/${name}`;

const active = new Set();

/**
 * Runs a command to completion. Output goes straight to the console unless `capture` is set, in
 * which case it is returned (and shown only if the caller decides to).
 */
export function run(command, args, { env = process.env, cwd = ROOT, capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, cwd, stdio: capture ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"] });
    active.add(child);
    let output = "";
    if (capture) {
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
    }
    child.once("error", (err) => {
      active.delete(child);
      resolve({ code: 127, output: `${output}${err.message}\n` });
    });
    child.once("close", (code, signal) => {
      active.delete(child);
      resolve({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}

/** Stops whatever is still running (used when the runner itself is interrupted). */
export function killActive(signal = "SIGTERM") {
  for (const child of active) child.kill(signal);
}

export const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

export async function timed(fn) {
  const start = Date.now();
  const value = await fn();
  return { value, ms: Date.now() - start };
}
