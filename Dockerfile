# Simpul production image: the compiled build (`npm run build`) on plain Node 20, Debian slim,
# running as the unprivileged `node` user. Build: `docker build -t simpul .`
# Run with PostgreSQL: see compose.yaml and docs/deployment.md.

# --- build stage: install everything, compile to dist/, then drop the development packages
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY migrations ./migrations
COPY public ./public
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# --- runtime stage: only package.json, production node_modules and dist/
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/var/lib/simpul
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /var/lib/simpul && chown node:node /var/lib/simpul
USER node
VOLUME ["/var/lib/simpul"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js", "start"]
