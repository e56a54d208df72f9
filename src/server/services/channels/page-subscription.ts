import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { MetaGraph } from "@/server/integrations/meta/graph";
import { missingPermissionsFor, pageSubscribedFields, type PageSubscriptionChannel } from "@/server/integrations/meta/page-subscription";
import { getSetting } from "../settings";
import { permissionWords } from "./requirements";

export interface PageSubscriptionOutcome {
  /** The fields our app is subscribed to on the Page afterwards. */
  fields: string[];
  /** False when the Page already had what the channel needs and nothing was sent. */
  posted: boolean;
}

/**
 * Subscribes our Meta app to a Page with the fields the channel's granted scopes allow
 * (integrations/meta/page-subscription.ts has the doc references). Fields our app already holds on
 * the Page are kept when this token may set them, so connecting Instagram on a Messenger Page (or the
 * other way round) never drops the other channel's fields. Instagram needs the Page subscribed to any
 * field, so a Page our app is already subscribed to is left as it is.
 */
export async function subscribePage(
  db: Db,
  graph: MetaGraph,
  input: { channel: PageSubscriptionChannel; pageId: string; token: string; grantedScopes: readonly string[] },
): Promise<PageSubscriptionOutcome> {
  const plan = pageSubscribedFields(input.channel, input.grantedScopes);
  if (!plan.ok) {
    throw new AppError("BAD_REQUEST", {
      userMessage: `The login did not grant ${plan.missing.map((p) => `“${permissionWords(p)}” (${p})`).join(", ")}, which the Page subscription needs. Log in again and allow it.`,
      reason: "scope_missing",
    });
  }
  const appId = await getSetting(db, "meta.appId");
  const ours = (await graph.getSubscribedApps(input.pageId, input.token)).find((a) => a.appId === appId);
  const existing = ours?.subscribedFields ?? [];
  if (input.channel === "INSTAGRAM" && existing.length > 0) return { fields: existing, posted: false };
  const kept = existing.filter((f) => missingPermissionsFor(f, input.grantedScopes).length === 0);
  const fields = [...new Set([...kept, ...plan.fields])];
  await graph.subscribeApp(input.pageId, input.token, fields);
  return { fields, posted: true };
}
