# syntax=docker/dockerfile:1
# Mention Desk as a container: built in one stage, run in another with production dependencies only, as the
# unprivileged `node` user. test/e2e/production-build.test.ts performs the same steps without Docker.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DESK_DATA_DIR=/app/.data
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: nothing the desk runs on needs one, and none may download anything at install time.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY migrations ./migrations
COPY manifests ./manifests
# The embedded store's folder (unused with DATABASE_URL), owned by the user the desk runs as.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
# Ready means the store answers and the desk is not stopping (it says 503 from the first moment of a SIGTERM).
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/main.js"]
