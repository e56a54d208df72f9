/**
 * The only module that reads process.env. Validates every setting once, at start, with zod.
 * In development nothing is required: missing secrets get local defaults generated once and kept in
 * the data folder. In production a missing secret or DATABASE_URL stops the start with one line.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const emptyAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const str = () => z.preprocess(emptyAsUndefined, z.string().optional());
const url = (fallback: string) => z.preprocess(emptyAsUndefined, z.string().url().default(fallback));
const int = (fallback: number) => z.preprocess(emptyAsUndefined, z.coerce.number().int().nonnegative().default(fallback));
const bool = (fallback: boolean) =>
  z.preprocess((v) => (typeof v === "string" ? (v.trim() === "" ? undefined : ["1", "true", "yes"].includes(v.toLowerCase())) : v), z.boolean().default(fallback));

const EMU = "http://127.0.0.1:4010";

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default(".data")),
  DATABASE_URL: str().pipe(z.string().regex(/^postgres(ql)?:\/\//, "must start with postgres://").optional()),
  PGLITE_DIR: str(),
  AUTH_SECRET: str().pipe(z.string().min(32, "must be at least 32 characters").optional()),
  ENCRYPTION_KEYS: str(),
  ENCRYPTION_ACTIVE_KEY_ID: str(),
  PUBLIC_URL: url("http://localhost:3000"),
  RESELLER_NAME: z.preprocess(emptyAsUndefined, z.string().default("Your messaging provider")),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info")),
  SMTP_URL: str(),
  MAIL_FROM: z.preprocess(emptyAsUndefined, z.string().default("Reseller portal <no-reply@localhost>")),
  SEED_ADMIN_EMAIL: str(),
  SEED_ADMIN_PASSWORD: str(),
  JOBS_ENABLED: bool(true),
  API_RATE_LIMIT_PER_MINUTE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100_000).default(600)),
  SINCH_AUTH_URL: url(`${EMU}/sinch/auth`),
  SINCH_CONVERSATION_URL: z.preprocess(emptyAsUndefined, z.string().includes("{region}").default(`${EMU}/sinch/conversation/{region}`)),
  SINCH_PROVISIONING_URL: url(`${EMU}/sinch/provisioning`),
  SINCH_SUBPROJECTS_URL: url(`${EMU}/sinch/subprojects`),
  SINCH_PROJECT_ID: z.preprocess(emptyAsUndefined, z.string().default("emu-parent-project")),
  SINCH_KEY_ID: z.preprocess(emptyAsUndefined, z.string().default("emu-key-id")),
  SINCH_KEY_SECRET: z.preprocess(emptyAsUndefined, z.string().default("emu-key-secret")),
  META_GRAPH_URL: url(`${EMU}/graph`),
  META_GRAPH_VERSION: z.preprocess(emptyAsUndefined, z.string().regex(/^v\d+\.\d+$/).default("v22.0")),
  META_SDK_URL: url(`${EMU}/meta/sdk.js`),
  META_ALLOWED_ORIGINS: z.preprocess(emptyAsUndefined, z.string().default(EMU)),
  META_APP_ID: z.preprocess(emptyAsUndefined, z.string().default("100000000000001")),
  META_APP_SECRET: z.preprocess(emptyAsUndefined, z.string().default("emu-meta-app-secret")),
  META_CONFIG_ID_MESSENGER: z.preprocess(emptyAsUndefined, z.string().default("emu-config-messenger")),
  META_CONFIG_ID_INSTAGRAM: z.preprocess(emptyAsUndefined, z.string().default("emu-config-instagram")),
  META_CONFIG_ID_WHATSAPP: z.preprocess(emptyAsUndefined, z.string().default("emu-config-whatsapp")),
  // The Multi-Partner Solution (reseller's app as Tech Provider, Sinch as Solution Partner) that
  // Embedded Signup joins; the default is the emulator's (EMULATOR_META_SOLUTION_ID).
  META_SOLUTION_ID: z.preprocess(emptyAsUndefined, z.string().default("emu-solution-sinch")),
  LOGIN_MAX_FAILURES: int(10),
  LOGIN_BLOCK_MINUTES: int(15),
  // Set by server.mjs in production: SIGTERM/SIGINT are the portal's, which drains before it exits.
  NEXT_MANUAL_SIG_HANDLE: bool(false),
  SHUTDOWN_DRAIN_MS: int(2000),
});

type Parsed = z.infer<typeof schema>;
export type Env = Omit<Parsed, "AUTH_SECRET" | "ENCRYPTION_KEYS"> & {
  AUTH_SECRET: string;
  ENCRYPTION_KEYS: string;
  isProduction: boolean;
  pgliteDir: string;
};

function fail(message: string): never {
  // One line, no stack: the operator needs the variable name, nothing else.
  console.error(`Configuration error: ${message}`);
  process.exit(1);
}

/** Development-only secrets, generated once and kept in the data folder so sessions survive restarts. */
function devSecrets(dataDir: string): { AUTH_SECRET: string; ENCRYPTION_KEYS: string } {
  const file = path.join(dataDir, "dev-secrets.json");
  try {
    return JSON.parse(readFileSync(file, "utf8")) as { AUTH_SECRET: string; ENCRYPTION_KEYS: string };
  } catch {
    const secrets = {
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      ENCRYPTION_KEYS: `dev1:${randomBytes(32).toString("base64")}`,
    };
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, JSON.stringify(secrets, null, 2), { flag: "wx", mode: 0o600 });
      return secrets;
    } catch {
      // Another process won the race; use what it wrote.
      return JSON.parse(readFileSync(file, "utf8")) as { AUTH_SECRET: string; ENCRYPTION_KEYS: string };
    }
  }
}

function load(): Env {
  const result = schema.safeParse(process.env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    fail(`${issue.path.join(".")} ${issue.message}`);
  }
  const parsed = result.data;
  const isProduction = parsed.NODE_ENV === "production";
  if (isProduction) {
    for (const name of ["AUTH_SECRET", "ENCRYPTION_KEYS", "DATABASE_URL"] as const) {
      if (!parsed[name]) fail(`${name} is required in production`);
    }
  }
  const generated = !parsed.AUTH_SECRET || !parsed.ENCRYPTION_KEYS ? devSecrets(parsed.DATA_DIR) : undefined;
  return {
    ...parsed,
    AUTH_SECRET: parsed.AUTH_SECRET ?? generated!.AUTH_SECRET,
    ENCRYPTION_KEYS: parsed.ENCRYPTION_KEYS ?? generated!.ENCRYPTION_KEYS,
    isProduction,
    pgliteDir: parsed.PGLITE_DIR ?? path.join(parsed.DATA_DIR, "pglite"),
  };
}

export const env: Env = load();

