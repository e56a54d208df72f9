# syntax=docker/dockerfile:1
# The portal as a container: `node server.mjs` (the production server: Sinch callbacks answered by
# node:http, everything else by Next) over Next's standalone output. Stages:
#   deps     npm install from the committed lockfile
#   build    next build (output: "standalone")
#   runtime  only what server.mjs needs, as the unprivileged `node` user  ← the default target
#   emulator the Sinch + Meta emulator, for the compose demo only (never in production)
# scripts/test/standalone.mjs assembles exactly what the runtime stage copies and starts it.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Not `npm ci`: the lockfile omits non-Linux optional binaries and `npm ci` refuses it; the versions
# are pinned exactly all the same.
RUN npm install --no-audit --no-fund

FROM deps AS build
COPY . .
# Browser-facing origins end up in the Content-Security-Policy header, which Next fixes at build time.
ARG META_SDK_URL=https://connect.facebook.net/en_US/sdk.js
ARG META_ALLOWED_ORIGINS=https://*.facebook.com,https://*.facebook.net
ENV NEXT_TELEMETRY_DISABLED=1 META_SDK_URL=${META_SDK_URL} META_ALLOWED_ORIGINS=${META_ALLOWED_ORIGINS}
# The production settings check needs secrets and a database URL to load; the build uses neither,
# so throwaway values are made for this one command and kept in no layer.
RUN AUTH_SECRET="$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))')" \
    ENCRYPTION_KEYS="build:$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')" \
    DATABASE_URL=postgres://build@127.0.0.1:1/build \
    npx next build

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
# The traced server files and node_modules, the browser assets, the migrations (run at start) and
# the production server itself.
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
COPY --from=build --chown=node:node /app/drizzle ./drizzle
COPY --from=build --chown=node:node /app/server.mjs ./server.mjs
USER node
EXPOSE 3000
# Readiness: 200 when the database answers, 503 while draining after SIGTERM (README, "Running in production").
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains (SHUTDOWN_DRAIN_MS), lets in-flight requests finish and exits 0; node is PID 1 here
# and handles the signal itself.
STOPSIGNAL SIGTERM
CMD ["node", "server.mjs"]

FROM deps AS emulator
COPY tsconfig.json ./
COPY emulator ./emulator
ENV EMULATOR_HOST=0.0.0.0 EMULATOR_PORT=4010
USER node
EXPOSE 4010
CMD ["node_modules/.bin/tsx", "emulator/src/main.ts"]
