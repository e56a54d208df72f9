import { createServer, type Server } from "node:http";
import { HttpError, Res, Router, makeReq, readBody } from "./http";
import { registerMeta } from "./meta/index";
import { registerSinch } from "./sinch/index";
import { registerControl } from "./control";
import { Clock, Faults, loadConfig, type EmulatorConfig, type World } from "./world";

export interface RunningEmulator {
  server: Server;
  world: World;
  url: string;
  close(): Promise<void>;
}

export function buildEmulator(config: EmulatorConfig): { router: Router; world: World } {
  const router = new Router();
  const world: World = {
    config,
    clock: new Clock(),
    faults: new Faults(),
    meta: undefined as unknown as World["meta"],
    resetHooks: [],
  };
  registerMeta(router, world); // sets world.meta
  registerSinch(router, world);
  registerControl(router, world);
  return { router, world };
}

export async function startEmulator(overrides: Partial<EmulatorConfig> = {}): Promise<RunningEmulator> {
  const config = { ...loadConfig(), ...overrides };
  const { router, world } = buildEmulator(config);
  const server = createServer((raw, rawRes) => {
    const res = new Res(rawRes);
    void (async () => {
      const url = new URL(raw.url ?? "/", config.origin);
      try {
        const found = router.match(raw.method ?? "GET", url.pathname);
        if (found === undefined) throw new HttpError(404, { error: { code: 404, message: `No route for ${url.pathname}`, status: "NOT_FOUND" } });
        if (found === "method") throw new HttpError(405, { error: { code: 405, message: "Method not allowed", status: "INVALID_ARGUMENT" } });
        const body = await readBody(raw);
        await found.handler(makeReq(raw, body, found.params, url), res);
      } catch (err) {
        if (res.sent) return;
        if (err instanceof HttpError) {
          for (const [k, v] of Object.entries(err.headers)) res.header(k, v);
          res.status(err.status).json(err.body);
        } else {
          console.error("[emulator] unhandled error", err);
          res.status(500).json({ error: { code: 500, message: "Internal error", status: "INTERNAL" } });
        }
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  if (config.port === 0) config.origin = `http://${config.host}:${port}`;
  return {
    server,
    world,
    url: config.origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
