import type { Db } from "@/server/db/client";
import type { Channel } from "@/server/db/schema";
import { AppError, notFound } from "@/server/errors";
import { IntegrationError } from "@/server/integrations/errors";
import { audit, type Actor } from "../audit";
import { customerSinch, findConnection } from "./context";
import { writeCredentials } from "./credentials";
import { CHANNEL_LABEL } from "./requirements";
import { applyToCurrentConnection } from "./transitions";

/** The words staff type to confirm: the channel's name, so a slip of the mouse cannot disconnect. */
export const disconnectPhrase = (channel: Channel) => `disconnect ${CHANNEL_LABEL[channel].toLowerCase()}`;

/**
 * Removes only this channel's credential from the app (the array is rebuilt from the portal's copies
 * of the others), forgets the tokens, keeps the row and the inbox history.
 */
export async function disconnectChannel(db: Db, actor: Actor, customerId: string, channel: Channel, confirmation: string) {
  if (confirmation.trim().toLowerCase() !== disconnectPhrase(channel)) {
    throw new AppError("BAD_REQUEST", { userMessage: `Type “${disconnectPhrase(channel)}” to confirm.`, fieldErrors: { confirmation: `Type “${disconnectPhrase(channel)}” to confirm.` } });
  }
  const row = await findConnection(db, customerId, channel);
  if (!row || row.state === "not_started" || row.state === "disconnected") throw notFound("Connected channel");
  const sinch = await customerSinch(db, customerId);
  let updated;
  try {
    // The row forgets the tokens inside the app's credential lock, as it stands then (the poll job
    // may have moved it on since it was read above): a concurrent change must not rebuild the array
    // from the old copy and bring the channel back.
    updated = await writeCredentials(db, sinch, { remove: channel }, (locked) =>
      applyToCurrentConnection(
        locked,
        row.id,
        { state: "disconnected", tokenCiphertext: null, senderTokenCiphertext: null, sinchStatus: null, sinchDescription: null, lastCheckedAt: new Date() },
        actor,
      ),
    );
  } catch (err) {
    if (err instanceof IntegrationError) throw new AppError("UPSTREAM_FAILED", { userMessage: err.userMessage, reason: err.code, cause: err });
    throw err;
  }
  await audit(db, { actor, action: "channel.disconnected", target: { type: "channel", id: row.id }, customerId, metadata: { channel, pageId: row.pageId, senderId: row.senderId } });
  return updated;
}
