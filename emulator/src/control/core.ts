import type { Router } from "../http";
import { sinchState } from "../sinch/state";
import type { World } from "../world";
import { renderControlPage } from "./page";
import { body, controlError, num, str } from "./util";

const MAX_CLOCK_MS = Date.UTC(9999, 0, 1);

/** Reset, clock, faults, callback log and the HTML overview page. */
export function registerCoreControl(router: Router, world: World): void {
  const initialWarmupMs = world.config.subprojectWarmupMs;

  router.add("GET", "/_emulator", (_req, res) => res.html(renderControlPage(world)));

  router.add("POST", "/_emulator/reset", (_req, res) => {
    world.faults.clear();
    world.clock.advance(-world.clock.offset);
    world.config.subprojectWarmupMs = initialWarmupMs;
    for (const hook of world.resetHooks) hook();
    res.json({ ok: true });
  });

  router.add("GET", "/_emulator/clock", (_req, res) => {
    res.json({ now: world.clock.now(), iso: world.clock.iso(), offsetMs: world.clock.offset });
  });

  router.add("POST", "/_emulator/clock/advance", (req, res) => {
    const ms = num(body(req).ms, "ms");
    if (ms < 0) throw controlError(400, "ms must be >= 0 (the clock only moves forward)");
    // Dates stop at ±8.64e15 ms; keep every emulator timestamp printable.
    if (world.clock.now() + ms > MAX_CLOCK_MS) throw controlError(400, "ms would move the clock past the year 9999");
    world.clock.advance(ms);
    res.json({ now: world.clock.now(), iso: world.clock.iso(), offsetMs: world.clock.offset });
  });

  router.add("GET", "/_emulator/faults", (_req, res) => res.json({ faults: world.faults.list() }));

  router.add("POST", "/_emulator/faults", (req, res) => {
    const b = body(req);
    const key = str(b.key, "key");
    const status = b.status === undefined ? 500 : num(b.status, "status");
    if (status < 400 || status > 599) throw controlError(400, "status must be an HTTP error status (400-599)");
    const count = b.count === undefined ? 1 : num(b.count, "count");
    world.faults.set(key, status, count);
    res.json({ faults: world.faults.list() });
  });

  router.add("DELETE", "/_emulator/faults", (req, res) => {
    const key = req.query.get("key");
    if (key) world.faults.set(key, 0, 0);
    else world.faults.clear();
    res.json({ faults: world.faults.list() });
  });

  router.add("GET", "/_emulator/callbacks/log", (req, res) => {
    const entries = sinchState(world).dispatcher.entries({
      appId: req.query.get("appId") ?? undefined,
      webhookId: req.query.get("webhookId") ?? undefined,
    });
    res.json({ entries });
  });
}
