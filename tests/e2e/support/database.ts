import { randomBytes } from "node:crypto";
import path from "node:path";
import postgres from "postgres";
import type { EnvVars } from "../../../scripts/lib/processes";

export interface E2EDatabase {
  mode: "postgres" | "pglite";
  /** Variables that select this database (and the matching NODE_ENV) for the portal and the seed. */
  env: EnvVars;
  drop(): Promise<void>;
}

/**
 * Real Postgres when TEST_DATABASE_URL names a server: a new database for this run, and the portal in
 * production mode exactly as deployed. Otherwise a fresh PGlite folder, and NODE_ENV=test because
 * src/env.ts (rightly) refuses production without DATABASE_URL.
 */
export async function prepareDatabase(workDir: string): Promise<E2EDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    return {
      mode: "pglite",
      env: { NODE_ENV: "test", DATABASE_URL: "", PGLITE_DIR: path.join(workDir, "pglite") },
      drop: async () => {},
    };
  }
  const name = `e2e_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    mode: "postgres",
    env: { NODE_ENV: "production", DATABASE_URL: url.toString(), PGLITE_DIR: "" },
    drop: async () => {
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
