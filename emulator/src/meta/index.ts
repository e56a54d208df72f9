import { createServer, type Server } from "node:http";
import { createRequestListener } from "../dispatch";
import { Router, type Req, type Res } from "../http";
import { Clock, Faults, loadConfig, type EmulatorConfig, type World } from "../world";
import { registerSeedControl } from "./control-seed";
import { registerSwitchControl } from "./control-switches";
import { registerDialogRoutes } from "./dialog-routes";
import { registerGraphRoutes } from "./graph-routes";
import { MetaOracleImpl } from "./oracle";
import { sdkSource } from "./sdk-source";
import { loadMetaConfig, MetaState } from "./state";

const metaStates = new WeakMap<World, MetaState>();

/** The Meta half of the emulator: Graph API, JS SDK, login dialogs, control API and the oracle. */
export function registerMeta(router: Router, world: World): void {
  const state = new MetaState(loadMetaConfig(), world.clock);
  metaStates.set(world, state);
  world.meta = new MetaOracleImpl(state);
  world.resetHooks.push(() => state.reset());

  router.add("GET", "/meta/sdk.js", (req: Req, res: Res) => {
    res.header("cache-control", "no-store").header("access-control-allow-origin", "*");
    res.js(sdkSource(world.config.origin, req.query.get("es_order")));
  });
  registerDialogRoutes(router, state);
  registerGraphRoutes(router, world, state);
  registerSeedControl(router, state);
  registerSwitchControl(router, state);
}

/** The Meta state behind a world (tests and the Sinch half's control page may read it). */
export function metaStateOf(world: World): MetaState | undefined {
  return metaStates.get(world);
}

export interface MetaOnlyServer {
  url: string;
  world: World;
  state: MetaState;
  server: Server;
  close(): Promise<void>;
}

/** Starts only the Meta half on an ephemeral port, with the same error handling as server.ts. */
export async function startMetaOnly(overrides: Partial<EmulatorConfig> = {}): Promise<MetaOnlyServer> {
  const config = { ...loadConfig({} as NodeJS.ProcessEnv), port: 0, host: "127.0.0.1", ...overrides };
  const router = new Router();
  const world: World = { config, clock: new Clock(), faults: new Faults(), meta: undefined as unknown as World["meta"], resetHooks: [] };
  registerMeta(router, world);
  const server = createServer(createRequestListener(router, "meta-emulator"));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, config.host, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  config.origin = `http://${config.host}:${port}`;
  return {
    url: config.origin,
    world,
    state: metaStates.get(world)!,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
