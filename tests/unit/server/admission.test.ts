import { describe, expect, it } from "vitest";
import { createAdmission } from "@/server/services/inbox/admission";

describe("webhook admission (load shedding)", () => {
  it("admits up to the limit, refuses the next one at once, and admits again when one leaves", () => {
    const gate = createAdmission(3);
    expect([gate.tryEnter(), gate.tryEnter(), gate.tryEnter()]).toEqual([true, true, true]);
    expect(gate.tryEnter()).toBe(false);
    expect(gate.inFlight).toBe(3);
    gate.leave();
    expect(gate.tryEnter()).toBe(true);
  });

  it("never counts below zero when leave is called too often", () => {
    const gate = createAdmission(1);
    gate.leave();
    gate.leave();
    expect(gate.inFlight).toBe(0);
    expect(gate.tryEnter()).toBe(true);
    expect(gate.tryEnter()).toBe(false);
  });
});
