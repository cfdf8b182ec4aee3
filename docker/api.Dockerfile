# The API with the built console, for the compose deployment. Build from the repository root:
#   docker build -f docker/api.Dockerfile -t recupera-api .
FROM node:22-bookworm-slim
WORKDIR /app
RUN npm install -g pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile && pnpm --filter @recupera/console build
ENV NODE_ENV=production PORT=4000 SEED_DEMO=never
EXPOSE 4000
CMD ["pnpm", "--filter", "@recupera/api", "start"]
