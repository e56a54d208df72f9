import { createCallerFactory, createTRPCRouter } from "./trpc";
import { auditRouter } from "./routers/audit";
import { sessionRouter } from "./routers/session";
import { staffRouter } from "./routers/staff";

export const appRouter = createTRPCRouter({
  session: sessionRouter,
  staff: staffRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
