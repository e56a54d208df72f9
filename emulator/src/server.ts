import { createServer, type Server } from "node:http";
import { createRequestListener } from "./dispatch";
import { Router } from "./http";
import { registerMeta } from "./meta/index";
import { registerSinch } from "./sinch/index";
import { registerControl } from "./control";
import { Clock, Faults, loadConfig, type EmulatorConfig, type World } from "./world";

export interface RunningEmulator {
  server: Server;
  /** Every registered route (method + pattern), e.g. for fuzzing the whole surface. */
  routes: Array<{ method: string; pattern: string }>;
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
  const server = createServer(createRequestListener(router, "emulator"));
  // Longer than any client's idle pool timeout, so a client never reuses a socket the emulator is
  // closing at that instant ("other side closed" on the first request after a pause).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  if (config.port === 0) config.origin = `http://${config.host}:${port}`;
  return {
    server,
    routes: router.list(),
    world,
    url: config.origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
