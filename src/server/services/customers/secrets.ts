import { randomBytes } from "node:crypto";
import { secrets } from "@/server/crypto";
import type { WebhookRow } from "@/server/db/schema";

/** Webhook signing secrets are bound to their `webhooks` row; the inbox decrypts them with this. */
export const webhookSecretContext = (rowId: string) => ({ table: "webhooks", column: "secret_ciphertext", rowId });

/** A fresh 32-byte signing secret (sinch.md section 5 asks for at least 24 random bytes). */
export const newWebhookSecret = () => randomBytes(32).toString("base64url");

export function decryptWebhookSecret(row: Pick<WebhookRow, "id" | "secretCiphertext">): string | null {
  return row.secretCiphertext ? secrets().decrypt(row.secretCiphertext, webhookSecretContext(row.id)) : null;
}
