import { env } from "@/env";
import { secrets } from "@/server/crypto";
import type { DbOrTx } from "@/server/db/client";
import type { SinchProject } from "@/server/db/schema";
import { logger } from "@/server/log";
import { createMetaGraph, type MetaGraph } from "@/server/integrations/meta/graph";
import { createSinchGateway, type SinchGateway } from "@/server/integrations/sinch/gateway";
import { getSettings } from "./settings";

/** Where a linked project's access key secret is stored; the ciphertext is bound to its row. */
export const projectKeyContext = (rowId: string) => ({ table: "sinch_projects", column: "key_secret_ciphertext", rowId });

export interface SinchKey {
  projectId: string;
  keyId: string;
  keySecret: string;
}

/** A gateway for an explicit key: used to verify a key before it is saved. */
export function sinchGatewayForKey(key: SinchKey): SinchGateway {
  return createSinchGateway({
    authUrl: env.SINCH_AUTH_URL,
    conversationUrlTemplate: env.SINCH_CONVERSATION_URL,
    provisioningUrl: env.SINCH_PROVISIONING_URL,
    subprojectsUrl: env.SINCH_SUBPROJECTS_URL,
    projectId: key.projectId,
    keyId: key.keyId,
    keySecret: key.keySecret,
    logger,
  });
}

type ProjectRef = Pick<SinchProject, "id" | "kind" | "projectId" | "keyId" | "keySecretCiphertext">;

/**
 * The Sinch gateway for the reseller's parent project (settings, env defaults), or for a customer's
 * project: a subproject is reached with the parent's key; a linked top-level project with its own key.
 * Conversation calls still take the customer's `projectId` in their scope.
 */
export async function sinchGatewayFor(db: DbOrTx, project?: ProjectRef | null): Promise<SinchGateway> {
  if (project?.kind === "project" && project.keyId && project.keySecretCiphertext) {
    const keySecret = secrets().decrypt(project.keySecretCiphertext, projectKeyContext(project.id));
    return sinchGatewayForKey({ projectId: project.projectId, keyId: project.keyId, keySecret });
  }
  const s = await getSettings(db, ["sinch.projectId", "sinch.keyId", "sinch.keySecret"]);
  return sinchGatewayForKey({ projectId: s["sinch.projectId"], keyId: s["sinch.keyId"], keySecret: s["sinch.keySecret"] });
}

/** The Meta Graph client for the reseller's Meta app (settings, env defaults). */
export async function metaGraphFor(db: DbOrTx): Promise<MetaGraph> {
  const s = await getSettings(db, ["meta.appId", "meta.appSecret"]);
  return createMetaGraph({ graphUrl: env.META_GRAPH_URL, version: env.META_GRAPH_VERSION, appId: s["meta.appId"], appSecret: s["meta.appSecret"], logger });
}
