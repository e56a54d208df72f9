import type { NextConfig } from "next";
import { env } from "./src/env";

const metaOrigins = [new URL(env.META_SDK_URL).origin, ...env.META_ALLOWED_ORIGINS.split(",").map((o) => o.trim().replace(/\*\./, ""))];
const dev = env.NODE_ENV === "development";

// Next's own inline bootstrap scripts need 'unsafe-inline' without a nonce; everything else is pinned.
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline' ${dev ? "'unsafe-eval' " : ""}${[...new Set(metaOrigins)].join(" ")}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https: http://127.0.0.1:*",
  "media-src 'self' https: http://127.0.0.1:*",
  "font-src 'self' data:",
  `connect-src 'self'${dev ? " ws: wss:" : ""}`,
  `frame-src ${[...new Set(metaOrigins)].join(" ")}`,
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: csp },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  ...(env.isProduction ? [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }] : []),
];

const config: NextConfig = {
  poweredByHeader: false,
  // Also writes .next/standalone: the traced server files and node_modules the container copies
  // (Dockerfile), started by the same server.mjs.
  output: "standalone",
  // Types are checked once for the whole repo by `tsc --noEmit` (a counted check in `npm test`).
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg-boss", "pino", "postgres", "@sinch/sdk-core", "nodemailer"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Invite links carry a token in the URL: never leak it through Referer.
      { source: "/access/:path*", headers: [{ key: "Referrer-Policy", value: "no-referrer" }, { key: "Cache-Control", value: "no-store" }] },
    ];
  },
};

export default config;
