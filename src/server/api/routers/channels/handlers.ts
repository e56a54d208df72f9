import type { z } from "zod";
import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { customers, type Channel } from "@/server/db/schema";
import { AppError, notFound } from "@/server/errors";
import { IntegrationError } from "@/server/integrations/errors";
import type { Actor } from "@/server/services/audit";
import { connectPage } from "@/server/services/channels/connect-page";
import { beginConnect, completeLogin, recordAbort } from "@/server/services/channels/login";
import { listPageOptions, selectPage } from "@/server/services/channels/pages";
import { permissionWords } from "@/server/services/channels/requirements";
import { channelStatus, connectionView, wizardConfig } from "@/server/services/channels/view";
import { whatsappSignup } from "@/server/services/channels/whatsapp";
import type { abortInput, beginInput, completeLoginInput, selectPageInput, sessionInput, signupInput } from "./schemas";

/**
 * The wizard's steps, shared by the staff router (customer id from the input, after the permission
 * check) and the customer router (customer id from the grant). Routers stay thin; no handler here
 * takes a customer id from anywhere but its caller.
 */
export interface Scope {
  db: Db;
  actor: Actor;
  customerId: string;
}

/** Meta/Sinch failures reach the wizard as their safe user message, never as a generic 500. */
async function upstream<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof IntegrationError) throw new AppError("UPSTREAM_FAILED", { userMessage: err.userMessage, reason: err.code, cause: err });
    throw err;
  }
}

async function customerName(db: Db, customerId: string) {
  const [row] = await db.select({ name: customers.businessName, archivedAt: customers.archivedAt }).from(customers).where(eq(customers.id, customerId));
  if (!row) throw notFound("Customer");
  return row.name;
}

export async function getWizard({ db, customerId }: Scope, channel: Channel) {
  const name = await customerName(db, customerId);
  return { config: await wizardConfig(db, channel), connection: await upstream(() => channelStatus(db, customerId, channel)), customerName: name };
}

export async function begin({ db, actor, customerId }: Scope, input: z.infer<typeof beginInput>) {
  await customerName(db, customerId);
  const { channel, ...details } = input;
  await beginConnect(db, actor, customerId, channel, details);
  return { ok: true as const };
}

export async function login({ db, actor, customerId }: Scope, input: z.infer<typeof completeLoginInput>) {
  await customerName(db, customerId);
  const result = await upstream(() => completeLogin(db, actor, customerId, input.channel, input.code));
  if (result.status === "ok") return result;
  return { status: result.status, missing: result.missing.map((scope) => ({ scope, words: permissionWords(scope) })) };
}

export const pages = ({ db, customerId }: Scope, input: z.infer<typeof sessionInput>) => upstream(() => listPageOptions(db, customerId, input.channel, input.sessionId));

export const pickPage = ({ db, actor, customerId }: Scope, input: z.infer<typeof selectPageInput>) =>
  upstream(() => selectPage(db, actor, customerId, input.channel, input.sessionId, input.pageId));

export async function connect({ db, actor, customerId }: Scope, input: z.infer<typeof sessionInput>) {
  return connectionView(await upstream(() => connectPage(db, actor, customerId, input.channel, input.sessionId)), input.channel);
}

export async function signup({ db, actor, customerId }: Scope, input: z.infer<typeof signupInput>) {
  await customerName(db, customerId);
  return connectionView(await upstream(() => whatsappSignup(db, actor, customerId, input)), "WHATSAPP");
}

export async function abort({ db, actor, customerId }: Scope, input: z.infer<typeof abortInput>) {
  await customerName(db, customerId);
  await recordAbort(db, actor, customerId, input.channel, input);
  return { ok: true as const };
}
