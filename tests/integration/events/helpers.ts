import type { Db } from "@/server/db/client";
import type { OutgoingEventType } from "@/server/db/schema";
import type { Enqueue } from "@/server/jobs/types";
import { asStaff, createUser } from "../helpers/factories";

/** Records what the services ask the queue to do instead of running a queue. */
export function recordingEnqueue() {
  const calls: Array<{ name: string; data: Record<string, unknown>; startAfterSeconds?: number }> = [];
  const enqueue: Enqueue = async (name, data = {}, options = {}) => void calls.push({ name, data, startAfterSeconds: options.startAfterSeconds });
  return { calls, enqueue };
}

/** An admin and an endpoint through the real procedure (the secret is returned this once). */
export async function adminWithEndpoint(db: Db, url: string, eventTypes: OutgoingEventType[] = ["customer.ready"]) {
  const admin = await createUser(db, { role: "admin" });
  const caller = asStaff(db, admin.id);
  const created = await caller.events.createEndpoint({ url, eventTypes, enabled: true });
  return { admin, caller, endpoint: created.endpoint, secret: created.secret };
}

export const later = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000);
