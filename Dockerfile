# Warden gateway image: built from source, run as a non-root user; state (journal) in /data, config in /etc/warden.
# Secrets (WARDEN_SERVER_SECRET, upstream API keys, PGPASSWORD) come from the environment at run time, never here.

FROM node:20-slim AS build
WORKDIR /app
# Toolchain only for the build stage, in case better-sqlite3 must compile from source.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bin ./bin
# `prepare` runs the TypeScript build; then drop dev dependencies for the runtime image.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY package.json ./
COPY deploy/warden.yaml /etc/warden/warden.yaml
# The `node` user (uid 1000) ships with the base image; /data holds this replica's audit journal and SQLite files.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains in-flight streams (server.drainMs) and commits the audit journal before exiting.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "bin/warden.js"]
CMD ["serve", "--config", "/etc/warden/warden.yaml"]
