import type { Router } from "./http";
import type { World } from "./world";
import { registerCoreControl } from "./control/core";
import { registerSinchControl } from "./control/sinch-routes";

/** Emulator-only control API under `/_emulator` (documented in emulator/README.md). */
export function registerControl(router: Router, world: World): void {
  registerCoreControl(router, world);
  registerSinchControl(router, world);
}
