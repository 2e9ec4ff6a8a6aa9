#!/usr/bin/env bash
# The main job: Elasticsearch up, the demo auth log ingested once, fresh demo tokens, the API and the
# dashboard served from one port. Prints the URL and the tokens; Ctrl-C stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8787}"
STATE_DIR="${SIGHTLINE_STATE_DIR:-.sightline}"
mkdir -p "$STATE_DIR"

[ -d node_modules ] || npm ci --no-audit --no-fund

ES_URL="$(bash scripts/es.sh start | tail -n 1)"
export ES_URL

sightline() { node packages/query-api/bin/sightline.js "$@"; }

# Several customers of different sizes, the last 30 days; skipped when already there.
sightline demo

echo "building the dashboard…" >&2
npm run --silent build -w @sightline/dashboard >/dev/null

# Tokens are stored hashed; new ones are made on every start and shown only here.
TOKENS_OUT="$(sightline tokens demo --out "$STATE_DIR/tokens.json")"

export SIGHTLINE_TOKENS_FILE="$STATE_DIR/tokens.json"
export SIGHTLINE_STATIC_DIR="$PWD/apps/dashboard/dist"
export PORT
cat <<MSG

Sightline is starting at http://127.0.0.1:$PORT/
  API:           http://127.0.0.1:$PORT/api   (OpenAPI: /api/openapi.json)
  Elasticsearch: $ES_URL

Sign in with one of these demo tokens (they replace the previous ones):
$TOKENS_OUT

MSG
exec node --import tsx packages/query-api/src/server/main.ts
