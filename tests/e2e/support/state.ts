/**
 * What the global setup hands to the tests. Playwright passes environment variables set in the
 * global setup on to its workers, so this is the one channel between them.
 */
export interface E2EState {
  baseURL: string;
  emulatorURL: string;
  adminEmail: string;
  adminPassword: string;
  /** "postgres" (production mode, own database) or "pglite" (test mode, fresh folder). */
  database: "postgres" | "pglite";
}

const KEYS = {
  baseURL: "E2E_BASE_URL",
  emulatorURL: "E2E_EMULATOR_URL",
  adminEmail: "E2E_ADMIN_EMAIL",
  adminPassword: "E2E_ADMIN_PASSWORD",
  database: "E2E_DATABASE",
} as const;

export function publishState(state: E2EState): void {
  for (const [field, name] of Object.entries(KEYS)) process.env[name] = state[field as keyof E2EState];
}

export function readState(): E2EState {
  const value = (name: string) => {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is not set: run the e2e tests through \`npx playwright test\` so the global setup starts the servers`);
    return v;
  };
  return {
    baseURL: value(KEYS.baseURL),
    emulatorURL: value(KEYS.emulatorURL),
    adminEmail: value(KEYS.adminEmail),
    adminPassword: value(KEYS.adminPassword),
    database: value(KEYS.database) === "postgres" ? "postgres" : "pglite",
  };
}
