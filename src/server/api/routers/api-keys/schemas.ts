import { z } from "zod";
import { apiKeyScopes } from "@/server/db/schema";

export const apiKeyScope = z.enum(apiKeyScopes);

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, "Give the key a name, e.g. the system that uses it.").max(100, "Keep the name under 100 characters."),
  scope: apiKeyScope,
});

export const apiKeyIdInput = z.object({ keyId: z.string().uuid() });

/**
 * What a key looks like to staff. Listed field by field (zod strips everything else), so the
 * token's hash can never ride along in an answer.
 */
export const apiKeyOutput = z.object({
  id: z.string().uuid(),
  name: z.string(),
  scope: apiKeyScope,
  prefix: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  createdByEmail: z.string().nullable(),
});

/** Only the create answer carries the token: shown once, never stored in the clear. */
export const createdApiKeyOutput = z.object({ key: apiKeyOutput, token: z.string() });
