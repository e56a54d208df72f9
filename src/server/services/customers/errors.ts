import { AppError } from "@/server/errors";
import { IntegrationError } from "@/server/integrations/errors";

/**
 * Why a setup step stopped, in words staff can act on. `code` is stored on the step so the UI can
 * branch (offer the existing-project path, the webhook replacement choice, a retry).
 */
export class StepFailure extends Error {
  constructor(
    readonly code: string,
    readonly userMessage: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(`setup step failed: ${code}`);
    this.name = "StepFailure";
  }
}

const httpNote = (err: IntegrationError) => (err.httpStatus ? ` (Sinch answered HTTP ${err.httpStatus})` : "");

/** Step-specific wording for the integration error codes the setup flow meets (catalogue S9, S14–S16). */
export function describeStepError(err: unknown): { code: string; message: string; details?: Record<string, unknown> } {
  if (err instanceof StepFailure) return { code: err.code, message: err.userMessage, details: err.details };
  if (!(err instanceof IntegrationError)) {
    return { code: "internal", message: "The portal failed while running this step. Retry; if it keeps failing, check the server log." };
  }
  switch (err.code) {
    case "subprojects_not_enabled":
      return {
        code: err.code,
        message:
          "Subprojects are not enabled for this Sinch account (a closed beta). Ask your Sinch account manager to enable them, or link a project made in the Sinch dashboard instead.",
      };
    case "not_ready":
      return { code: err.code, message: "The new subproject is not usable yet: Sinch can take up to a minute. Retry shortly; nothing will be created twice." };
    case "unauthorized":
      return { code: err.code, message: "Sinch rejected the access key. Replace it in Settings (or the linked project's key), then retry." };
    case "forbidden":
      return { code: err.code, message: `The access key has no permission on this project${httpNote(err)}. Check the project id and key.` };
    case "unavailable":
    case "network":
    case "timeout":
      return { code: err.code, message: `Sinch did not complete the request${httpNote(err)}. Retry; the step continues where it stopped and never creates a second copy.` };
    case "rate_limited":
      return { code: err.code, message: "Sinch is rate limiting requests. Wait a moment, then retry." };
    default:
      return { code: err.reason ?? err.code, message: `${err.userMessage}${httpNote(err)}` };
  }
}

/** For procedures that call Sinch directly (delete app, tests): a safe message and the code. */
export function upstreamError(err: unknown): unknown {
  if (!(err instanceof IntegrationError)) return err;
  return new AppError("UPSTREAM_FAILED", { userMessage: err.userMessage, reason: err.code });
}
