import type { ApiRoute } from "../route";
import { accessRoutes } from "./access";
import { channelRoutes } from "./channels";
import { customerRoutes } from "./customers";
import { diagnosticsRoutes } from "./diagnostics";
import { inboxRoutes } from "./inbox";
import { webhookEventRoutes } from "./webhook-events";

/** Every /api/v1 route; the router and the OpenAPI document are both built from this list. */
export const apiRoutes: ApiRoute[] = [...customerRoutes, ...accessRoutes, ...channelRoutes, ...diagnosticsRoutes, ...inboxRoutes, ...webhookEventRoutes];
