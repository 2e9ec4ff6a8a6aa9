#!/usr/bin/env bash
# Provisions and runs a local single-node Elasticsearch for Sightline.
#
#   scripts/es.sh start    fetch (once), configure and start a node; reuse one already running
#   scripts/es.sh stop     stop the node this script started
#   scripts/es.sh status   print the node's health; exit 1 when it is not answering
#   scripts/es.sh url      print the URL Sightline uses
#
# With SIGHTLINE_ES_NODES=3 (any number from 2 to 9) the same commands run a local cluster of that
# many nodes instead, on ports of their own so it can run beside the single node (see es-cluster.sh,
# which also adds start-node, stop-node and kill-node for one node).
# With ES_URL set, that cluster is used and nothing is provisioned.
# The official integ-test-zip (no x-pack, no bundled JDK) is fetched from Maven Central with Maven,
# so the machine's JDK runs it: Elasticsearch 8.19 needs Java 17 or newer.
set -euo pipefail

ES_VERSION="${SIGHTLINE_ES_VERSION:-8.19.21}"
ES_NODES="${SIGHTLINE_ES_NODES:-1}"
case "$ES_NODES" in
  [1-9]) ;;
  *) echo "sightline-es: SIGHTLINE_ES_NODES must be a whole number from 1 to 9, got '$ES_NODES'" >&2; exit 2 ;;
esac
if [ "$ES_NODES" = 1 ]; then
  ES_PORT="${SIGHTLINE_ES_PORT:-9200}"
  ES_HEAP="${SIGHTLINE_ES_HEAP:-1g}"
else
  # A cluster's first node listens here and the others on the ports after it: away from the single
  # node's 9200 (and its transport port 9300) by default, so both can run at once.
  ES_PORT="${SIGHTLINE_ES_PORT:-9250}"
  ES_HEAP="${SIGHTLINE_ES_HEAP:-512m}"
fi
case "$ES_PORT" in
  *[!0-9]* | '') echo "sightline-es: SIGHTLINE_ES_PORT must be a port number, got '$ES_PORT'" >&2; exit 2 ;;
esac
ES_USER="${SIGHTLINE_ES_USER:-sightline-es}"
SIGHTLINE_TAG=sightline-es
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
BASE="${SIGHTLINE_ES_HOME:-$(sightline_base)}"
INSTALL="$BASE/elasticsearch-$ES_VERSION"
DATA="$BASE/es-data"
LOGS="$BASE/es-logs"
RUN="$BASE/run"
PIDFILE="$RUN/es.pid"
LOCAL_URL="http://127.0.0.1:$ES_PORT"

answers() { curl -fsS -m 3 "$1/_cluster/health" >/dev/null 2>&1; }

healthy() { curl -fsS -m 5 "$1/_cluster/health?wait_for_status=yellow&timeout=5s" >/dev/null 2>&1; }

show_log() { tail -n 40 "$LOGS"/*.log 2>/dev/null >&2 || true; }

JAVA_HINT="set ES_JAVA_HOME, or set ES_URL to an existing cluster"

fetch() {
  [ -x "$INSTALL/bin/elasticsearch" ] && return 0
  command -v mvn >/dev/null 2>&1 ||
    die "Maven is needed once to fetch Elasticsearch $ES_VERSION from Maven Central: install it (Debian: apt-get install -y maven) or set ES_URL."
  command -v unzip >/dev/null 2>&1 || die "unzip is needed to unpack Elasticsearch: install it (Debian: apt-get install -y unzip)."
  mkdir -p "$BASE/download"
  local zip="$BASE/download/elasticsearch-$ES_VERSION.zip"
  if [ ! -s "$zip" ]; then
    say "fetching Elasticsearch $ES_VERSION (integ-test-zip) with Maven…"
    mvn -q -B dependency:copy \
      -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
      -DoutputDirectory="$BASE/download" -Dmdep.stripVersion=false >&2 ||
      die "Maven could not fetch org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip from Maven Central."
  fi
  local tmp="$BASE/unpack.$$"
  rm -rf "$tmp" && mkdir -p "$tmp"
  unzip -q "$zip" -d "$tmp"
  rm -rf "$INSTALL"
  mv "$tmp/elasticsearch-$ES_VERSION" "$INSTALL"
  rm -rf "$tmp"
  chmod -R u+x,go+rx "$INSTALL/bin"
}

configure() {
  mkdir -p "$DATA" "$LOGS" "$RUN"
  # An earlier start with security on leaves TLS passwords in the keystore that would now fail validation.
  rm -f "$INSTALL/config/elasticsearch.keystore"
  cat >"$INSTALL/config/elasticsearch.yml" <<YML
cluster.name: sightline
node.name: sightline-local
path.data: $DATA
path.logs: $LOGS
network.host: 127.0.0.1
http.port: $ES_PORT
transport.port: $((ES_PORT + 100))
discovery.type: single-node
# A developer's disk is often fuller than a server's; do not turn indices read-only for that.
cluster.routing.allocation.disk.threshold_enabled: false
# Only Sightline's time-based indices may appear on first write (from the index template); a typo may not.
action.auto_create_index: "+sightline-*,-*"
# The integ-test-zip carries only the security module; a loopback-only local node runs without it,
# as the architecture notes say. Point ES_URL at a secured cluster for anything shared.
xpack.security.enabled: false
YML
  mkdir -p "$INSTALL/config/jvm.options.d"
  printf -- '-Xms%s\n-Xmx%s\n' "$ES_HEAP" "$ES_HEAP" >"$INSTALL/config/jvm.options.d/heap.options"
  if is_root; then
    ensure_system_user "$ES_USER"
    chmod 755 "$BASE"
    chown -R "$ES_USER" "$INSTALL" "$DATA" "$LOGS" "$RUN"
  fi
}

# prepare: Java, Maven, unzip and curl (installed here when root, a fresh machine; named otherwise),
# then the distribution, fetched once. Sets JAVA_HOME_FOR_ES.
prepare() {
  bash "$(dirname "$0")/prereqs.sh" || exit 2
  JAVA_HOME_FOR_ES="$(find_java_home "${ES_JAVA_HOME:-}" "Elasticsearch $ES_VERSION" "$JAVA_HINT")"
  check_java_version "$JAVA_HOME_FOR_ES" "Elasticsearch $ES_VERSION" "$JAVA_HINT"
  mkdir -p "$BASE"
  fetch
}

start() {
  if [ -n "${ES_URL:-}" ]; then
    answers "$ES_URL" || die "ES_URL is set to $ES_URL but no Elasticsearch answers there."
    echo "$ES_URL"
    return 0
  fi
  start_lock "$BASE/es.start.lock"
  if answers "$LOCAL_URL"; then
    say "reusing the Elasticsearch already running at $LOCAL_URL"
    echo "$LOCAL_URL"
    return 0
  fi
  prepare
  local java_home="$JAVA_HOME_FOR_ES"
  configure
  say "starting Elasticsearch $ES_VERSION on $LOCAL_URL (heap $ES_HEAP)…"
  # A pid file left by a node that died would read as this start failing.
  rm -f "$PIDFILE"
  # -d: Elasticsearch daemonises itself once started and writes its pid file.
  run_as "$ES_USER" env ES_JAVA_HOME="$java_home" "$INSTALL/bin/elasticsearch" -d -p "$PIDFILE" \
    </dev/null >"$LOGS/console.log" 2>&1 9>&- || true
  wait_until "${SIGHTLINE_ES_WAIT:-240}" Elasticsearch "$PIDFILE" show_log healthy "$LOCAL_URL" || exit 1
  say "Elasticsearch is up at $LOCAL_URL"
  echo "$LOCAL_URL"
}

stop() {
  if [ -n "${ES_URL:-}" ]; then say "ES_URL is set: not stopping an external cluster."; return 0; fi
  stop_pidfile "$PIDFILE" Elasticsearch 60
}

status() {
  local url="${ES_URL:-$LOCAL_URL}"
  if curl -fsS -m 5 "$url/_cluster/health?pretty" 2>/dev/null; then
    echo "$url"
  else
    say "no Elasticsearch answers at $url"
    exit 1
  fi
}

if [ "$ES_NODES" != 1 ]; then
  # shellcheck source=scripts/es-cluster.sh
  . "$(dirname "$0")/es-cluster.sh"
  cluster_command "$@"
  exit $?
fi

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  url) echo "${ES_URL:-$LOCAL_URL}" ;;
  *) die "usage: scripts/es.sh start|stop|status|url (SIGHTLINE_ES_NODES=3 for a local cluster)" ;;
esac
