import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { can, type Permission } from "@/server/auth/permissions";
import { AppError, GENERIC_MESSAGE, toTRPCError } from "@/server/errors";
import { NUL_MESSAGE, nulPath } from "@/server/lib/nul-text";
import { getActiveUser } from "@/server/services/staff";
import { resolveCustomerSession } from "@/server/services/customer-session";
import type { Context } from "./context";

function zodFieldErrors(err: ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = issue.path.join(".") || "_";
    out[key] ??= issue.message;
  }
  return out;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause;
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      // Unknown errors reach the client as a generic message with the request id, never a stack.
      message: internal ? `${GENERIC_MESSAGE} (request id ${ctx?.requestId ?? "n/a"})` : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        requestId: ctx?.requestId,
        fieldErrors: cause instanceof ZodError ? zodFieldErrors(cause) : cause instanceof AppError ? cause.fieldErrors : undefined,
        reason: cause instanceof AppError ? cause.reason : undefined,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Maps AppError/unknown errors in one place and logs the unknown ones with the request id. */
const errorMapping = t.middleware(async ({ next, ctx, path }) => {
  const result = await next();
  if (!result.ok) {
    // tRPC wraps whatever a handler throws in an INTERNAL_SERVER_ERROR; map the original instead.
    const thrown = result.error.code === "INTERNAL_SERVER_ERROR" && result.error.cause ? result.error.cause : result.error;
    const mapped = toTRPCError(thrown);
    if (mapped.code === "INTERNAL_SERVER_ERROR") {
      const [{ logger }, { safeError }] = await Promise.all([import("@/server/log"), import("@/server/db/errors")]);
      const cause = result.error.cause ?? result.error;
      logger.error({ requestId: ctx.requestId, path, err: safeError(cause, { stack: true }) }, "procedure failed");
    }
    if (mapped !== result.error) return { ...result, error: mapped } as typeof result;
  }
  return result;
});

/** Postgres text cannot hold U+0000: such an input is refused as BAD_REQUEST before any query runs. */
const noNulText = t.middleware(async ({ next, getRawInput }) => {
  const at = nulPath(await getRawInput());
  if (at !== null) throw new AppError("BAD_REQUEST", { userMessage: NUL_MESSAGE, fieldErrors: { [at.join(".") || "_"]: NUL_MESSAGE } });
  return next();
});

export const publicProcedure = t.procedure.use(errorMapping).use(noNulText);

/** Staff only: a non-null, active `ctx.user`, re-read from the database on every call. */
export const staffProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (ctx.caller.type !== "staff") throw new TRPCError({ code: ctx.caller.type === "customer" ? "NOT_FOUND" : "UNAUTHORIZED" });
  const user = await getActiveUser(ctx.db, ctx.caller.userId);
  if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Your session has ended. Sign in again." });
  return next({ ctx: { ...ctx, user, actor: { type: "user" as const, id: user.id, label: user.email } } });
});

/** Staff with a named permission from the role map. */
export const permissionProcedure = (permission: Permission) =>
  staffProcedure.use(({ ctx, next }) => {
    if (!can(ctx.user.role, permission)) throw new TRPCError({ code: "FORBIDDEN", message: "You are not allowed to do this." });
    return next({ ctx: { ...ctx, permission } });
  });

/**
 * Customers only: a currently valid grant (checked on every call, so a revoke applies on the next
 * request) and its customer. Staff and anonymous callers get NOT_FOUND: these routes do not exist
 * for them.
 */
export const customerProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (ctx.caller.type !== "customer") throw new TRPCError({ code: "NOT_FOUND" });
  const session = await resolveCustomerSession(ctx.db, ctx.caller.sessionToken, ctx.now());
  if (!session.ok) throw new TRPCError({ code: "UNAUTHORIZED", message: "Your access has ended." });
  return next({
    ctx: {
      ...ctx,
      grant: session.grant,
      customerId: session.grant.customerId,
      actor: { type: "customer" as const, id: session.grant.id, label: session.grant.invitedEmail },
    },
  });
});
