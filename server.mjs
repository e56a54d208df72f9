// The portal's production (and development) server: `npm start` runs `node server.mjs`, `npm run dev`
// runs it with --dev. Options as `next start`: -p/--port (or PORT, default 3000), -H/--hostname (or
// HOSTNAME). Next's documented custom-server API serves everything except the Sinch webhook, which
// the server built by the portal's own code (src/server/http, published by the instrumentation hook
// while Next prepares) answers directly.
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const option = (...names) => {
  const at = args.findIndex((a) => names.includes(a));
  return at >= 0 ? args[at + 1] : undefined;
};
const dev = args.includes("--dev");
const port = Number(option("-p", "--port") ?? process.env.PORT ?? 3000);
const hostname = option("-H", "--hostname") ?? process.env.HOSTNAME ?? "0.0.0.0";
if (!dev) {
  process.env.NODE_ENV ??= "production";
  // Shutdown is the portal's: drain, 503 on health, in-flight finish (src/server/shutdown.ts).
  process.env.NEXT_MANUAL_SIG_HANDLE ??= "true";
}

const dir = fileURLToPath(new URL(".", import.meta.url));
// In production the configuration is the one the build resolved (as Next's standalone server.js
// does): the container holds no next.config.ts, src/ or TypeScript, only the build's output.
const serverFiles = new URL(".next/required-server-files.json", import.meta.url);
if (!dev && existsSync(serverFiles)) {
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(JSON.parse(readFileSync(serverFiles, "utf8")).config);
}

// Imported after NODE_ENV is settled: Next reads it as it loads.
const { default: next } = await import("next");
const app = next({ dev, dir, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();
// In production Next prepares its server (and so runs the instrumentation hook that publishes the
// portal's server) when it handles its first request: one local request, before listening, does it.
if (!globalThis.__portalHttp) await firstRequest(handle);
const portal = globalThis.__portalHttp;
if (!portal) {
  console.error("The portal's HTTP server was not published by the instrumentation hook (src/instrumentation.ts).");
  process.exit(1);
}
const server = portal.createServer(handle);
if (dev) server.on("upgrade", app.getUpgradeHandler());
server.listen(port, hostname, () => console.log(`Portal ready on http://${hostname}:${port}${dev ? " (development)" : ""}`));

async function firstRequest(nextHandler) {
  const probe = createServer(nextHandler);
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${probe.address().port}/api/health`);
    await res.arrayBuffer();
  } finally {
    probe.closeAllConnections();
    await new Promise((resolve) => probe.close(resolve));
  }
}
