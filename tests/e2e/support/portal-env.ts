import { randomBytes } from "node:crypto";
import type { EnvVars } from "./processes";

/** Fresh secrets for one run, in the formats src/env.ts expects. */
export function generateSecrets() {
  return {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEYS: `e2e1:${randomBytes(32).toString("base64")}`,
  };
}

/** The portal's integration URLs pointed at one emulator (same layout as the live services). */
export function emulatorUrls(emulatorURL: string): EnvVars {
  return {
    SINCH_AUTH_URL: `${emulatorURL}/sinch/auth`,
    SINCH_CONVERSATION_URL: `${emulatorURL}/sinch/conversation/{region}`,
    SINCH_PROVISIONING_URL: `${emulatorURL}/sinch/provisioning`,
    SINCH_SUBPROJECTS_URL: `${emulatorURL}/sinch/subprojects`,
    META_GRAPH_URL: `${emulatorURL}/graph`,
    META_SDK_URL: `${emulatorURL}/meta/sdk.js`,
    META_ALLOWED_ORIGINS: emulatorURL,
  };
}

/** Short emulator delays so activation and retry flows finish within a test's timeout. */
export const fastEmulator: EnvVars = {
  EMULATOR_CREDENTIAL_DELAY_MS: "500",
  EMULATOR_SENDER_DELAY_MS: "500",
  EMULATOR_CALLBACK_RETRY_MS: "100,200,400,800,1600",
  EMULATOR_DLR_DELAY_MS: "100",
};

/**
 * The parent's environment without anything that would point the child at another database or
 * another set of secrets than the ones chosen for this run.
 */
export function cleanEnv(): EnvVars {
  const env: EnvVars = { ...process.env };
  for (const name of ["DATABASE_URL", "PGLITE_DIR", "DATA_DIR", "AUTH_SECRET", "ENCRYPTION_KEYS", "ENCRYPTION_ACTIVE_KEY_ID", "PUBLIC_URL", "PORT"]) {
    delete env[name];
  }
  return env;
}
