import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { channelConnections, channelLoginSessions, type Channel } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import type { Page } from "@/server/integrations/meta/types";
import { audit, type Actor } from "../audit";
import { metaGraphFor } from "../sinch-client";
import { loadLoginSession } from "./login";
import { INSTAGRAM_HELP, PAGE_SCOPES } from "./requirements";

type PageChannel = Exclude<Channel, "WHATSAPP">;

export interface PageOption {
  id: string;
  name: string;
  source: Page["source"];
  /** Connected to this customer's app (same channel) or to another app: shown, never selectable. */
  connectedTo: "this_app" | "another_app" | null;
  instagram: { id: string } | null;
  /** Why the Page cannot be picked, with the exact fix; null when it can. */
  problem: string | null;
}

/** Did the user share this Page in the asset picker? A scope without target ids covers all (meta.md 5). */
function pageShared(granular: ReadonlyArray<{ scope: string; targetIds: string[] | "all" }>, pageId: string): boolean {
  const entries = granular.filter((g) => (PAGE_SCOPES as readonly string[]).includes(g.scope));
  if (!entries.length) return true;
  return entries.some((g) => g.targetIds === "all" || g.targetIds.includes(pageId));
}

export async function fetchSessionPages(db: Db, customerId: string, channel: PageChannel, sessionId: string) {
  const session = await loadLoginSession(db, customerId, channel, sessionId);
  const graph = await metaGraphFor(db);
  const pages = await graph.listPages(session.token);
  return { session, pages, graph };
}

/** Pages the login can use (direct roles and business-owned/client Pages), with their status here. */
export async function listPageOptions(db: Db, customerId: string, channel: PageChannel, sessionId: string): Promise<PageOption[]> {
  const { session, pages } = await fetchSessionPages(db, customerId, channel, sessionId);
  const ids = pages.map((p) => p.id);
  const taken = ids.length
    ? await db
        .select({ pageId: channelConnections.pageId, customerId: channelConnections.customerId })
        .from(channelConnections)
        .where(and(eq(channelConnections.channel, channel), inArray(channelConnections.pageId, ids), ne(channelConnections.state, "disconnected"), ne(channelConnections.state, "not_started")))
    : [];
  const own = await db
    .select({ pageId: channelConnections.pageId, state: channelConnections.state })
    .from(channelConnections)
    .where(and(eq(channelConnections.customerId, customerId), eq(channelConnections.channel, channel)));
  const ownLive = own.find((o) => o.state === "active" || o.state === "activating")?.pageId ?? null;
  return pages
    .filter((p) => pageShared(session.granularScopes, p.id))
    .map((p) => {
      const holder = taken.find((t) => t.pageId === p.id);
      const connectedTo = p.id === ownLive ? "this_app" : holder && holder.customerId !== customerId ? "another_app" : null;
      let problem: string | null = null;
      if (channel === "INSTAGRAM" && !p.instagramBusinessAccountId) problem = `${p.name} has no Instagram professional account linked. ${INSTAGRAM_HELP.notProfessional} ${INSTAGRAM_HELP.notLinked}`;
      return { id: p.id, name: p.name, source: p.source, connectedTo, instagram: p.instagramBusinessAccountId ? { id: p.instagramBusinessAccountId } : null, problem } satisfies PageOption;
    });
}

/**
 * Step 3 → 4: exactly one new Page. For Instagram the link is re-read from the Page itself
 * (`instagram_business_account`); a personal or unlinked account is explained with the settings path.
 */
export async function selectPage(db: Db, actor: Actor, customerId: string, channel: PageChannel, sessionId: string, pageId: string) {
  const options = await listPageOptions(db, customerId, channel, sessionId);
  const option = options.find((o) => o.id === pageId);
  if (!option) throw new AppError("BAD_REQUEST", { userMessage: "That Page was not shared in the Facebook login. Log in again and select it.", reason: "asset_not_shared" });
  const [own] = await db
    .select({ state: channelConnections.state, pageName: channelConnections.pageName })
    .from(channelConnections)
    .where(and(eq(channelConnections.customerId, customerId), eq(channelConnections.channel, channel)));
  if (own && (own.state === "active" || own.state === "activating")) {
    // One credential per channel on a Sinch app: a second Page would silently replace the first.
    throw new AppError("CONFLICT", { userMessage: `This channel is already connected to ${own.pageName ?? "a Page"}. Disconnect it first to switch Pages.`, reason: "channel_live" });
  }
  if (option.connectedTo) throw new AppError("CONFLICT", { userMessage: `${option.name} is already connected. Pick a Page that is not connected yet.`, reason: "already_connected" });
  let igAccountId: string | null = null;
  if (channel === "INSTAGRAM") {
    const { pages, graph } = await fetchSessionPages(db, customerId, channel, sessionId);
    const page = pages.find((p) => p.id === pageId);
    const details = page?.accessToken ? await graph.getPage(pageId, page.accessToken) : null;
    igAccountId = details?.instagramBusinessAccountId ?? null;
    if (!igAccountId) {
      throw new AppError("BAD_REQUEST", { userMessage: option.problem ?? `${option.name} has no Instagram professional account linked. ${INSTAGRAM_HELP.notLinked}`, reason: "instagram_not_linked" });
    }
  }
  await db.update(channelLoginSessions).set({ pageId, pageName: option.name, igAccountId }).where(and(eq(channelLoginSessions.id, sessionId), eq(channelLoginSessions.customerId, customerId)));
  await audit(db, { actor, action: "channel.asset_selected", target: { type: "page", id: pageId }, customerId, metadata: { channel, pageName: option.name, igAccountId, source: option.source } });
  return { pageId, pageName: option.name, igAccountId };
}
