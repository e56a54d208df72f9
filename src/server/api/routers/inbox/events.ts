import { z } from "zod";
import { permissionProcedure } from "@/server/api/trpc";
import { exportEvents, getEvent, listEvents, replayEvent } from "@/server/services/inbox/events";
import { signatureFailuresFor } from "@/server/services/inbox/failures";
import { signatureFailureReasons } from "@/server/db/schema";
import { cursorOutput, cursorSchema, eventFilterInput, eventSummary } from "./schemas";

const read = permissionProcedure("inbox.read");
const EXPORT_LIMIT = 500;

export const events = read
  .input(eventFilterInput.extend({ cursor: cursorSchema.optional(), limit: z.number().int().min(1).max(100).default(25) }).default({ limit: 25 }))
  .output(z.object({ items: z.array(eventSummary), nextCursor: cursorOutput.nullable() }))
  .query(({ ctx, input }) => listEvents(ctx.db, input));

export const event = read
  .input(z.object({ eventId: z.string().uuid() }))
  .output(eventSummary.extend({ headers: z.record(z.string(), z.string()), body: z.string() }))
  .query(({ ctx, input }) => getEvent(ctx.db, input.eventId));

/** Stored callbacks with their bodies, newest first (at most 500), for a JSON download. */
export const exportEventsProcedure = read
  .input(eventFilterInput.default({}))
  .output(z.array(eventSummary.extend({ headers: z.record(z.string(), z.string()), body: z.unknown() })))
  .query(({ ctx, input }) => exportEvents(ctx.db, input, EXPORT_LIMIT));

export const replay = permissionProcedure("inbox.replay")
  .input(z.object({ eventId: z.string().uuid() }))
  .output(z.object({ status: z.enum(["processed", "stored_raw", "failed"]), error: z.string().nullable() }))
  .mutation(({ ctx, input }) => replayEvent(ctx.db, ctx.actor, input.eventId));

/** Rejected callbacks per reason, for troubleshooting an app's webhook. */
export const signatureFailures = read
  .input(z.object({ appId: z.string().max(64) }))
  .output(z.array(z.object({ reason: z.enum(signatureFailureReasons), count: z.number().int(), firstAt: z.date(), lastAt: z.date() })))
  .query(({ ctx, input }) => signatureFailuresFor(ctx.db, input.appId));
