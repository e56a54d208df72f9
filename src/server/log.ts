import pino from "pino";
import { env } from "@/env";

/**
 * Structured logs with secrets redacted by path. Anything token-, secret- or password-shaped is
 * censored wherever it sits, two levels deep, plus Authorization/Cookie headers.
 */
const sensitive = ["token", "accessToken", "access_token", "secret", "keySecret", "key_secret", "appSecret", "password", "passwordHash", "authorization", "cookie", "code", "pin", "signature"];

export const redactPaths = [
  ...sensitive,
  ...sensitive.map((k) => `*.${k}`),
  ...sensitive.map((k) => `*.*.${k}`),
  'headers["authorization"]',
  'headers["cookie"]',
  'headers["x-sinch-webhook-signature"]',
  "req.headers.authorization",
  "req.headers.cookie",
];

export const logger = pino({
  level: env.LOG_LEVEL,
  redact: { paths: redactPaths, censor: "[redacted]" },
  base: { service: "portal" },
});

export type Logger = typeof logger;
