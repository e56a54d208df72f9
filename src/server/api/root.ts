import { createCallerFactory, createTRPCRouter } from "./trpc";
import { auditRouter } from "./routers/audit";
import { sessionRouter } from "./routers/session";
import { staffRouter } from "./routers/staff";
import { accessRouter } from "./routers/access";
import { outboxRouter } from "./routers/outbox";
import { notificationsRouter } from "./routers/notifications";
import { portalRouter } from "./routers/portal";
import { customersRouter } from "./routers/customers";
import { settingsRouter } from "./routers/settings";
import { inboxRouter } from "./routers/inbox";
import { channelsRouter } from "./routers/channels";
import { portalChannelsRouter } from "./routers/portal-channels";
import { diagnosticsRouter } from "./routers/diagnostics";
import { eventsRouter } from "./routers/events";
import { statsRouter } from "./routers/stats";
import { apiKeysRouter } from "./routers/api-keys";

export const appRouter = createTRPCRouter({
  session: sessionRouter,
  staff: staffRouter,
  audit: auditRouter,
  access: accessRouter,
  outbox: outboxRouter,
  notifications: notificationsRouter,
  portal: portalRouter,
  customers: customersRouter,
  settings: settingsRouter,
  inbox: inboxRouter,
  channels: channelsRouter,
  portalChannels: portalChannelsRouter,
  diagnostics: diagnosticsRouter,
  events: eventsRouter,
  stats: statsRouter,
  apiKeys: apiKeysRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
