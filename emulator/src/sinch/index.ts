import { CallbackDispatcher } from "../callbacks/dispatcher";
import type { Router } from "../http";
import type { World } from "../world";
import { registerApps } from "./apps";
import { registerAuth } from "./auth";
import { registerMessages } from "./messages";
import { registerProvisioning } from "./provisioning";
import { attachSinchState, resetSinchState, type SinchState } from "./state";
import { registerSubprojects } from "./subprojects";
import { registerWebhooks } from "./webhooks";

/**
 * Sinch half of the emulator: OAuth2 token, Conversation (apps, webhooks, messages), Provisioning
 * (WhatsApp senders, channel info) and Subprojects, plus the signed callback dispatcher.
 */
export function registerSinch(router: Router, world: World): void {
  const state: SinchState = {
    world,
    dispatcher: new CallbackDispatcher(world),
    projects: new Map(),
    keys: new Map(),
    tokens: new Map(),
    apps: new Map(),
    webhooks: new Map(),
    contacts: new Map(),
    senders: new Map(),
    outbound: [],
    subprojectsDisabled: false,
    omitSenderBearerToken: false,
    omitBearerTokenWabas: new Set(),
    timers: new Set(),
  };
  resetSinchState(state);
  attachSinchState(world, state);
  world.resetHooks.push(() => resetSinchState(state));
  registerAuth(router, state);
  registerApps(router, state);
  registerWebhooks(router, state);
  registerMessages(router, state);
  registerProvisioning(router, state);
  registerSubprojects(router, state);
}
