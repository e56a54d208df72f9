import { AppError } from "@/server/errors";
import { IntegrationError } from "@/server/integrations/errors";
import type { SinchRegion } from "@/server/integrations/sinch/types";
import { sinchGatewayForKey, type SinchKey } from "../sinch-client";

/**
 * A test call with a linked project's own key before anything is saved: list the project's apps in
 * the customer's region. A bad key or project answers field errors the form can show.
 */
export async function verifyProjectKey(key: SinchKey, region: SinchRegion): Promise<{ appCount: number }> {
  try {
    const apps = await sinchGatewayForKey(key).conversation({ projectId: key.projectId, region }).listApps();
    return { appCount: apps.length };
  } catch (err) {
    if (!(err instanceof IntegrationError)) throw err;
    const field = (fieldErrors: Record<string, string>, userMessage: string) =>
      new AppError("BAD_REQUEST", { userMessage, fieldErrors, reason: `key_${err.code}` });
    switch (err.code) {
      case "unauthorized":
      case "token_expired":
        throw field({ keySecret: "Sinch rejected this access key: check the key id and secret." }, "Sinch rejected the access key.");
      case "forbidden":
        throw field({ projectId: "This access key has no access to this project." }, "The access key cannot use this project.");
      case "not_found":
      case "not_found_in_region":
        throw field({ projectId: "Sinch does not know this project id." }, "The project was not found.");
      default:
        throw new AppError("UPSTREAM_FAILED", { userMessage: `Could not verify the key with Sinch: ${err.userMessage}`, reason: err.code });
    }
  }
}
