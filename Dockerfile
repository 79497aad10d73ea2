# One image for every escrowflow process: api (the default CMD), worker, migrate and the sandbox payment
# provider; docker-compose.yml picks the entry file with `command`. TypeScript runs through tsx, which is
# a runtime dependency, so `npm ci --omit=dev` keeps everything the processes need.
FROM node:20-bookworm-slim

ENV NODE_ENV=production
WORKDIR /app

# Dependencies first: a source change reuses this layer.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# The source stays owned by root: the app user can read it, not change it.
COPY . .

# The only writable place the processes get (the sandbox provider's state file, on a volume).
RUN mkdir -p /var/lib/escrowflow && chown node:node /var/lib/escrowflow

USER node
EXPOSE 3000
CMD ["node", "--import", "tsx", "api/main.ts"]
