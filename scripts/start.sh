#!/usr/bin/env bash
# The main job: the whole live path on this machine. Elasticsearch, Kafka and the MariaDB shards up
# (provisioned on first use, reused when running), the firehose topics created, the demo history
# written into the shards once, then the batcher (shards → Kafka), the sink (Kafka → Elasticsearch),
# the detector (Kafka → findings), the archiver (Kafka → raw archive), the webhook deliverer
# (findings → customers' webhooks), the summariser (load log → hourly summaries) and a live writer of
# new login attempts run beside the API and the dashboard on one port.
# Prints the URL and the tokens; Ctrl-C stops everything it started (the services keep running:
# npm run es:stop / kafka:stop / mysql:stop).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8787}"
STATE_DIR="${SIGHTLINE_STATE_DIR:-.sightline}"
LOG_DIR="$STATE_DIR/logs"
mkdir -p "$LOG_DIR"

# Webhook secrets are stored sealed under this key (AES-256-GCM). Without SIGHTLINE_SECRET_KEY, a key
# file in the state directory, made once, readable by its owner only; the API and the deliverer read it.
if [ -z "${SIGHTLINE_SECRET_KEY:-}" ]; then
  SECRET_KEY_FILE="$(cd "$STATE_DIR" && pwd)/secret.key"
  if [ ! -s "$SECRET_KEY_FILE" ]; then
    (umask 077 && head -c 32 /dev/urandom | base64 >"$SECRET_KEY_FILE.new" && mv "$SECRET_KEY_FILE.new" "$SECRET_KEY_FILE")
  fi
  chmod 600 "$SECRET_KEY_FILE"
  export SIGHTLINE_SECRET_KEY_FILE="$SECRET_KEY_FILE"
fi

[ -d node_modules ] || npm ci --no-audit --no-fund

ES_URL="$(bash scripts/es.sh start | tail -n 1)"
KAFKA_BROKERS="$(bash scripts/kafka.sh start | tail -n 1)"
SIGHTLINE_MYSQL_URL="$(bash scripts/mariadb.sh start | tail -n 1)"
export ES_URL KAFKA_BROKERS SIGHTLINE_MYSQL_URL

# The programs run as an installed package runs them: built JavaScript, without tsx's loader (it
# costs each long-running process a second of start-up and 40 MB resident).
echo "building the query API…" >&2
npm run --silent build:js -w @sightline/schema -w @sightline/client -w @sightline/query-api >/dev/null
CLI=packages/query-api/dist/cli.js
sightline() { node "$CLI" "$@"; }

sightline topics create >&2

# Each part of the pipeline runs in the background with its own log, and is started again if it
# exits (a restart resumes from its cursor or committed offsets, so nothing is lost or doubled).
# shellcheck source=scripts/pipeline.env
source scripts/pipeline.env
pids=()
supervise() {
  local name="$1"
  shift
  (
    trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 0' TERM INT
    while true; do
      # node itself, not the sightline function: a function in the background is a subshell, and
      # stopping that subshell would leave node running.
      node --max-old-space-size="$SIGHTLINE_DAEMON_HEAP_MB" "$CLI" "$@" \
        >>"$LOG_DIR/$name.log" 2>&1 &
      child=$!
      wait "$child" || true
      echo "$(date -u +%FT%TZ) $name exited; starting it again in 2 s" >>"$LOG_DIR/$name.log"
      sleep 2
    done
  ) &
  pids+=($!)
}
stop_all() {
  trap - EXIT INT TERM
  [ ${#pids[@]} -eq 0 ] || kill -TERM "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  exit 0
}
trap stop_all EXIT INT TERM

# The sink and the batcher first, so the backfill flows through while it is being written.
supervise consume consume
# Detection reads the same firehose as a group of its own and stores findings beside the log.
supervise detect detect
# The raw archive keeps every firehose message as received, in gzip segments by day, so a period
# can be rebuilt past the firehose's retention; file ingests write their lines into it too.
SIGHTLINE_ARCHIVE_DIR="${SIGHTLINE_ARCHIVE_DIR:-$(cd "$STATE_DIR" && pwd)/archive}"
export SIGHTLINE_ARCHIVE_DIR
supervise archive archive
# Findings at or above a customer's webhook severity go out from the outbox the detector records.
supervise alerts alerts
# The hourly summaries the reports read: recomputed for every hour a load in the load log touched.
supervise summarise summarise
# The quality checks on every load and every 15 minutes; a failing check whose policy is pause holds
# its source when that is a shard (the batcher leaves it unread) until `sightline quality resume
# <source> --reason …`; on a Kafka partition or a file the failure is reported, not acted on.
supervise quality quality --watch
supervise batcher source mysql

# Several customers of different sizes, the last 30 days, written into the shards once per seed.
sightline demo >&2
supervise live demo live

echo "building the dashboard…" >&2
npm run --silent build -w @sightline/dashboard >/dev/null

# Tokens are stored hashed; new ones are made on every start and shown only here.
TOKENS_OUT="$(sightline tokens demo --out "$STATE_DIR/tokens.json")"

export SIGHTLINE_TOKENS_FILE="$STATE_DIR/tokens.json"
export SIGHTLINE_STATIC_DIR="$PWD/apps/dashboard/dist"
export PORT
cat <<MSG

Sightline is starting at http://127.0.0.1:$PORT/
  API:           http://127.0.0.1:$PORT/api   (OpenAPI: /api/openapi.json, pipeline health: /api/pipeline)
  Elasticsearch: $ES_URL
  Kafka:         $KAFKA_BROKERS
  MariaDB:       $SIGHTLINE_MYSQL_URL (shards sightline_shard_0, sightline_shard_1)
  Logs:          $LOG_DIR/{batcher,consume,detect,archive,alerts,summarise,quality,live}.log
  Raw archive:   $SIGHTLINE_ARCHIVE_DIR

New login attempts are written into the shards every second and reach the dashboard within seconds
(choose "Live" in the refresh picker).

Sign in with one of these demo tokens (they replace the previous ones):
$TOKENS_OUT

MSG
# Production: the dashboard is served from this origin, so no development origin passes CORS.
NODE_ENV=production node packages/query-api/dist/api.js &
pids+=($!)
wait "${pids[-1]}"
