// `npm run dev`: the portal (server.mjs --dev: Next in development mode behind the portal's server) and the Sinch/Meta emulator together. Ctrl-C stops both;
// if either exits, the other is stopped too.
import { spawn } from "node:child_process";

const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
const children = [
  { name: "emulator", proc: spawn(bin("tsx"), ["emulator/src/main.ts"], { stdio: "inherit" }) },
  { name: "portal", proc: spawn(process.execPath, [new URL("../server.mjs", import.meta.url).pathname, "--dev", ...process.argv.slice(2)], { stdio: "inherit" }) },
];

let stopping = false;
function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const { proc } of children) if (proc.exitCode === null) proc.kill("SIGTERM");
  setTimeout(() => {
    for (const { proc } of children) if (proc.exitCode === null) proc.kill("SIGKILL");
    process.exit(code);
  }, 5000).unref();
  Promise.all(children.map(({ proc }) => (proc.exitCode !== null ? null : new Promise((r) => proc.once("exit", r))))).then(() => process.exit(code));
}

for (const { name, proc } of children) {
  proc.on("exit", (code) => {
    if (!stopping) console.log(`[dev] ${name} exited (${code ?? "signal"}); stopping the rest`);
    stopAll(code ?? 0);
  });
}
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));
