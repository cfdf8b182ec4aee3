# syntax=docker/dockerfile:1
# The API image: every replica of compose.yaml's `api` service and its one-shot `migrate` service.
# Build from the repository root: docker build -f docker/api.Dockerfile -t recupera-api:local .
# The API runs its TypeScript through tsx (as `pnpm start` does), so there is no compile step: the image holds
# the sources of packages/api and packages/shared and their production dependencies, nothing else.

FROM node:22-bookworm-slim AS deps
# Corepack cannot verify pnpm against every registry; a global npm install can.
RUN npm install -g pnpm@10.34.9
WORKDIR /src
# The whole workspace, because the lock file describes every package in it; .dockerignore keeps out what is
# built or installed locally.
COPY . .
# Production dependencies of the API and of what it imports from the workspace, exactly as locked. The
# root's development tools (among them the `node` package that brings Node 22 to older machines) stay out.
RUN --mount=type=cache,id=recupera-pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --prod --filter '@recupera/api...' --store-dir /pnpm/store
# Tests and benchmarks are not run in the image.
RUN rm -rf packages/api/test packages/api/bench packages/api/vitest.config.ts \
    && find packages/api packages/shared -path '*/node_modules' -prune -o -name '*.test.ts' -print0 | xargs -0 rm -f

FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    PORT=4000 \
    HOST=0.0.0.0 \
    SEED_DEMO=never
WORKDIR /app
# The repository's layout is kept: tsconfig.json extends ../../tsconfig.base.json, and pnpm's links point
# from packages/*/node_modules into the root node_modules. Files stay root-owned: the API only reads them.
COPY --from=deps /src/package.json /src/tsconfig.base.json ./
COPY --from=deps /src/node_modules ./node_modules
COPY --from=deps /src/packages/shared ./packages/shared
COPY --from=deps /src/packages/api ./packages/api
WORKDIR /app/packages/api
USER node
EXPOSE 4000
# node itself as the main process (not pnpm or the tsx CLI, which would stand between it and Docker's
# SIGTERM), so the API's shutdown handler drains connections and jobs on `docker compose stop`.
# `pnpm start` without the console build: one API worker per core (API_WORKERS), restarted when one dies.
CMD ["node", "--import", "tsx", "src/main.ts"]
