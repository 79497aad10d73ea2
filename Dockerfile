# One image for every escrowflow process, compiled by `npm run build` (scripts/build.ts) and run with
# plain node: no TypeScript, no tsx, no sources or tests at run time. The API is the default CMD; the
# other processes are commands on the same image (docker-compose.yml, deploy/kubernetes/):
#   node --import ./dist/workers/isolate-watchdog.mjs dist/workers/main.js   worker (WORKER_TASK_QUEUES)
#   node dist/db/migrate.js                                                   migrations, before a release
#   node dist/sandbox/main.js                                                 sandbox payment provider
# Debian (glibc), not Alpine: the Temporal SDK's native core is not built for musl.

# Build: every dependency, the compiled processes and the prebuilt workflow bundles, in /app/dist.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# What tsconfig.build.json compiles and the build script; .dockerignore keeps tests out of them.
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.ts scripts/build-manifest.ts scripts/healthcheck.ts scripts/token.ts scripts/ledger-check.ts ./scripts/
COPY activities ./activities
COPY api ./api
COPY carriers ./carriers
COPY codec ./codec
COPY config ./config
COPY db ./db
COPY domain ./domain
COPY email ./email
COPY observability ./observability
COPY payments ./payments
COPY sandbox ./sandbox
COPY workers ./workers
COPY workflows ./workflows
RUN npm run build

# Runtime: production dependencies and dist/ only.
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# Owned by root: the app user can read the build, not change it.
COPY --from=build /app/dist ./dist
# The only writable place the processes get (the sandbox provider's state file, on a volume).
RUN mkdir -p /var/lib/escrowflow && chown node:node /var/lib/escrowflow
USER node
EXPOSE 3000
# The API's liveness (GET /healthz on API_PORT). Other processes set HEALTHCHECK_URL: a worker its
# Prometheus endpoint (http://127.0.0.1:9464/metrics), the sandbox http://127.0.0.1:4010/_sandbox/healthz.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["node", "dist/scripts/healthcheck.js"]
CMD ["node", "dist/api/main.js"]
