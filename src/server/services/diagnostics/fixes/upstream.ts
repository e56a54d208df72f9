import { AppError } from "@/server/errors";
import { IntegrationError } from "@/server/integrations/errors";

/** A Sinch or Meta refusal during a fix reaches staff as its plain message (BAD_GATEWAY), never a 500. */
export async function withUpstream<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof IntegrationError) throw new AppError("UPSTREAM_FAILED", { userMessage: err.userMessage, reason: err.reason ?? err.code, cause: err });
    throw err;
  }
}
