import { describe, expect, it } from "vitest";
import { classifySinchError, parseSinchErrorBody } from "@/server/integrations/sinch/errors";

const wrapped = (code: number, status: string, message = "msg") => ({ error: { code, message, status, details: [] } });

describe("parseSinchErrorBody", () => {
  it("reads the wrapped Conversation shape", () => {
    expect(parseSinchErrorBody(wrapped(404, "NOT_FOUND", "App not found"))).toEqual({ code: 404, status: "NOT_FOUND", message: "App not found" });
  });
  it("reads the unwrapped 2021 shape", () => {
    expect(parseSinchErrorBody({ code: 400, message: "bad", status: "INVALID_ARGUMENT" })).toEqual({ code: 400, status: "INVALID_ARGUMENT", message: "bad" });
  });
  it("reads the Provisioning shape", () => {
    expect(parseSinchErrorBody({ errorCode: "SENDER_NOT_FOUND", message: "No sender", resolution: "Check the id" })).toEqual({
      status: "SENDER_NOT_FOUND",
      message: "No sender (Check the id)",
    });
  });
  it("parses the SDK's JSON-string `data`", () => {
    expect(parseSinchErrorBody(JSON.stringify(wrapped(403, "PERMISSION_DENIED"), null, 2)).status).toBe("PERMISSION_DENIED");
  });
  it("tolerates garbage", () => {
    expect(parseSinchErrorBody("<html>oops</html>")).toEqual({});
    expect(parseSinchErrorBody(undefined)).toEqual({});
  });
});

describe("classifySinchError (sinch.md section 10)", () => {
  const cases: Array<[number, string, string]> = [
    [400, "INVALID_ARGUMENT", "invalid_argument"],
    [400, "INVALID_REQUEST", "invalid_argument"],
    [401, "UNAUTHENTICATED", "unauthorized"],
    [403, "PERMISSION_DENIED", "forbidden"],
    [403, "UNAUTHORIZED", "forbidden"],
    [404, "NOT_FOUND", "not_found"],
    [409, "ALREADY_EXISTS", "conflict"],
    [429, "RESOURCE_EXHAUSTED", "rate_limited"],
    [500, "INTERNAL", "unavailable"],
    [501, "UNIMPLEMENTED", "unavailable"],
    [503, "UNAVAILABLE", "unavailable"],
  ];
  it.each(cases)("HTTP %i %s → %s", (status, envelope, expected) => {
    const err = classifySinchError({ operation: "t", httpStatus: status, body: wrapped(status, envelope) });
    expect(err.code).toBe(expected);
    expect(err.vendorStatus).toBe(envelope);
    expect(err.httpStatus).toBe(status);
  });

  it("401 with WWW-Authenticate containing expired → token_expired", () => {
    const err = classifySinchError({ operation: "t", httpStatus: 401, body: wrapped(401, "UNAUTHENTICATED"), wwwAuthenticate: 'Bearer error="invalid_token", error_description="token expired"' });
    expect(err.code).toBe("token_expired");
  });

  it("404 on Conversation is not_found_in_region when the caller asks", () => {
    expect(classifySinchError({ operation: "t", httpStatus: 404, body: wrapped(404, "NOT_FOUND"), notFoundInRegion: true }).code).toBe("not_found_in_region");
  });

  it("403/404 on the Subprojects API → subprojects_not_enabled (S16)", () => {
    expect(classifySinchError({ operation: "t", httpStatus: 403, body: wrapped(403, "PERMISSION_DENIED"), subprojectsApi: true }).code).toBe("subprojects_not_enabled");
    expect(classifySinchError({ operation: "t", httpStatus: 404, body: {}, subprojectsApi: true }).code).toBe("subprojects_not_enabled");
  });

  it("403/404 right after subproject creation → not_ready, retryable (S15)", () => {
    const err = classifySinchError({ operation: "t", httpStatus: 403, body: {}, projectAgeMs: 5_000 });
    expect(err.code).toBe("not_ready");
    expect(err.retryable).toBe(true);
    expect(classifySinchError({ operation: "t", httpStatus: 403, body: {}, projectAgeMs: 120_000 }).code).toBe("forbidden");
  });

  it("retryable only for transient classes", () => {
    expect(classifySinchError({ operation: "t", httpStatus: 503, body: {} }).retryable).toBe(true);
    expect(classifySinchError({ operation: "t", httpStatus: 429, body: {} }).retryable).toBe(true);
    expect(classifySinchError({ operation: "t", httpStatus: 400, body: {} }).retryable).toBe(false);
  });

  it("scrubs secrets from vendor text", () => {
    const err = classifySinchError({ operation: "t", httpStatus: 400, body: wrapped(400, "INVALID_ARGUMENT", "bad token tok-123456"), secrets: ["tok-123456"] });
    expect(err.vendorMessage).toBe("bad token [redacted]");
  });
});
