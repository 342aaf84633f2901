# syntax=docker/dockerfile:1
# One image for the three services; the service to run is the container's command:
#   docker run … rod-register register|propagation|reporting
# (docker-compose.yml sets `command: ["register"]` and so on).
#
# Node 20.20 is what the project is built and tested on (see engines in package.json);
# override with --build-arg NODE_IMAGE=… to pin a digest.
ARG NODE_IMAGE=node:20.20-bookworm-slim

# ---- build: all dependencies, compile TypeScript to dist/ ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# swagger-ui-dist pulls in @scarf/scarf, whose install script reports usage; not from our builds.
ENV SCARF_ANALYTICS=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.base.json tsconfig.build.json ./
COPY libs ./libs
COPY apps ./apps
RUN npm run build

# ---- production dependencies only ----
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
ENV SCARF_ANALYTICS=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# ---- runtime: dist/, the launcher, production node_modules; no npm run, no sources ----
FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="rod-register" \
      org.opencontainers.image.description="register, propagation and reporting services (pick one with the command)"
ENV NODE_ENV=production \
    HTTP_HOST=0.0.0.0
WORKDIR /app
# Files stay owned by root: the services only read them, and the `node` user cannot change them.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /app/dist ./dist
COPY tools/run-service.js tools/dist-aliases.js ./tools/
# Operations' command that rebuilds reporting's read model (ROD_OPS_TOKEN required here).
COPY tools/reporting/rebuild.js ./tools/reporting/rebuild.js
# The partners propagation delivers to (PROPAGATION_PARTNERS_FILE points elsewhere to override).
COPY apps/propagation/config ./apps/propagation/config
USER node
EXPOSE 3001 3002 3003
ENTRYPOINT ["node", "tools/run-service.js"]
