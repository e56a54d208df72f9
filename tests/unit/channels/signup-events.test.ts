import { describe, expect, it, vi } from "vitest";
import { createSignupBuffer, parseSignupMessage } from "@/components/channels/signup-events";

const finish = JSON.stringify({ type: "WA_EMBEDDED_SIGNUP", event: "FINISH", version: 3, data: { phone_number_id: "5", waba_id: "4", business_id: "3" } });

describe("parseSignupMessage", () => {
  it("reads FINISH from a JSON string or an object", () => {
    const expected = { kind: "finish", event: "FINISH", wabaId: "4", phoneNumberId: "5", businessId: "3" };
    expect(parseSignupMessage(finish)).toEqual(expected);
    expect(parseSignupMessage(JSON.parse(finish))).toEqual(expected);
  });

  it("keeps CANCEL's step, ERROR's message and unknown events; ignores other message types", () => {
    expect(parseSignupMessage({ type: "WA_EMBEDDED_SIGNUP", event: "CANCEL", data: { current_step: "PHONE_NUMBER_VERIFICATION" } })).toEqual({ kind: "cancel", step: "PHONE_NUMBER_VERIFICATION" });
    expect(parseSignupMessage({ type: "WA_EMBEDDED_SIGNUP", event: "ERROR", data: { error_message: "Boom", error_id: "1" } })).toMatchObject({ kind: "error", message: "Boom", errorId: "1" });
    expect(parseSignupMessage({ type: "WA_EMBEDDED_SIGNUP", event: "FINISH_OBO_MIGRATION", data: {} })).toEqual({ kind: "other", event: "FINISH_OBO_MIGRATION" });
    expect(parseSignupMessage({ type: "OTHER", event: "FINISH" })).toBeNull();
    expect(parseSignupMessage("{not json")).toBeNull();
    expect(parseSignupMessage(42)).toBeNull();
  });
});

describe("createSignupBuffer", () => {
  const event = parseSignupMessage(finish) as Extract<ReturnType<typeof parseSignupMessage>, { kind: "finish" }>;

  it("fires once when code and event are both in, whichever comes first", () => {
    for (const order of [["code", "event"], ["event", "code"]]) {
      const done = vi.fn();
      const buffer = createSignupBuffer(done);
      for (const step of order) step === "code" ? buffer.code("AQ1") : buffer.finish(event);
      buffer.code("AQ2");
      expect(done).toHaveBeenCalledTimes(1);
      expect(done).toHaveBeenCalledWith("AQ1", event);
      expect(buffer.complete).toBe(true);
    }
  });
});
