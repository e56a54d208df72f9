import { createTRPCRouter } from "@/server/api/trpc";
import { customers, list, markRead, thread, version } from "./conversations";
import { event, events, exportEventsProcedure, replay, signatureFailures } from "./events";
import { reply } from "./reply";

export const inboxRouter = createTRPCRouter({
  list,
  thread,
  version,
  markRead,
  customers,
  reply,
  events,
  event,
  exportEvents: exportEventsProcedure,
  replay,
  signatureFailures,
});
