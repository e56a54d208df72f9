import { randomBytes } from "node:crypto";
import type { EnvVars } from "../../../scripts/lib/processes";

/** Fresh secrets for one run, in the formats src/env.ts expects. */
export function generateSecrets() {
  return {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEYS: `e2e1:${randomBytes(32).toString("base64")}`,
  };
}

export { emulatorUrls } from "../../../scripts/lib/emulator-urls.mjs";

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
