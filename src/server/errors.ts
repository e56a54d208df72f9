import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { IntegrationError } from "@/server/integrations/errors";

/** Application error codes, mapped to tRPC codes in exactly one place (`toTRPCError`). */
export type AppErrorCode =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "UNAUTHORIZED"
  | "BAD_REQUEST"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS"
  | "PRECONDITION_FAILED"
  | "UPSTREAM_FAILED"
  | "INTERNAL";

const toTrpc: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHORIZED: "UNAUTHORIZED",
  BAD_REQUEST: "BAD_REQUEST",
  CONFLICT: "CONFLICT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  UPSTREAM_FAILED: "BAD_GATEWAY",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Safe to show to the user. */
  readonly userMessage: string;
  /** Field-level messages for forms (`{ email: "Enter a valid email" }`). */
  readonly fieldErrors?: Record<string, string>;
  /** A machine-readable reason the UI can branch on (e.g. `subprojects_not_enabled`). */
  readonly reason?: string;

  constructor(code: AppErrorCode, opts: { userMessage: string; fieldErrors?: Record<string, string>; reason?: string; cause?: unknown }) {
    super(opts.userMessage, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.userMessage = opts.userMessage;
    this.fieldErrors = opts.fieldErrors;
    this.reason = opts.reason;
  }
}

export const notFound = (what = "That item") => new AppError("NOT_FOUND", { userMessage: `${what} was not found.` });

export const GENERIC_MESSAGE = "Something went wrong on our side.";

/** The single mapping from any thrown value to what a client may see. */
export function toTRPCError(err: unknown): TRPCError {
  if (err instanceof TRPCError) return err;
  if (err instanceof AppError) return new TRPCError({ code: toTrpc[err.code], message: err.userMessage, cause: err });
  // A Sinch or Meta refusal the service did not translate is still the vendor's answer, not our
  // failure: the client gets its safe message (never vendor text) as a 502.
  if (err instanceof IntegrationError) return new TRPCError({ code: "BAD_GATEWAY", message: err.userMessage, cause: err });
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: GENERIC_MESSAGE, cause: err instanceof Error ? err : undefined });
}
