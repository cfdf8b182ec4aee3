# syntax=docker/dockerfile:1
# The front door: nginx serving the built console and load-balancing the API replicas (nginx.conf).
# Build from the repository root: docker build -f docker/proxy.Dockerfile -t recupera-proxy:local .

FROM node:22-bookworm-slim AS console
# Corepack cannot verify pnpm against every registry; a global npm install can.
RUN npm install -g pnpm@10.34.9
WORKDIR /src
COPY . .
# The console and the workspace packages it imports, with their build tools (Vite), exactly as locked.
RUN --mount=type=cache,id=recupera-pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --filter '@recupera/console...' --store-dir /pnpm/store
RUN pnpm --filter @recupera/console build

# 1.28 is the first stable line whose upstream `server … resolve` follows the replicas as they are scaled.
FROM nginx:1.28-alpine
RUN rm -rf /etc/nginx/conf.d/default.conf /usr/share/nginx/html/*
COPY docker/nginx.conf /etc/nginx/nginx.conf
COPY --from=console /src/packages/console/dist /usr/share/nginx/html
# nginx.conf keeps its pid and temporary files under /tmp and listens above 1024, so no root is needed.
USER nginx
EXPOSE 8080
