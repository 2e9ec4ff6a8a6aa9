#!/usr/bin/env bash
# Provisions and runs a local single-node Elasticsearch for Sightline.
#
#   scripts/es.sh start    fetch (once), configure and start a node; reuse one already running
#   scripts/es.sh stop     stop the node this script started
#   scripts/es.sh status   print the node's health; exit 1 when it is not answering
#   scripts/es.sh url      print the URL Sightline uses
#
# With ES_URL set, that cluster is used and nothing is provisioned.
# The official integ-test-zip (no x-pack, no bundled JDK) is fetched from Maven Central with Maven,
# so the machine's JDK runs it: Elasticsearch 8.19 needs Java 17 or newer.
set -euo pipefail

ES_VERSION="${SIGHTLINE_ES_VERSION:-8.19.21}"
ES_PORT="${SIGHTLINE_ES_PORT:-9200}"
ES_HEAP="${SIGHTLINE_ES_HEAP:-1g}"
ES_USER="${SIGHTLINE_ES_USER:-sightline-es}"
if [ "$(id -u)" = 0 ]; then
  # Elasticsearch refuses to run as root; the unprivileged user must be able to read the install,
  # which a root-owned $HOME would hide from it.
  HOME_DIR_DEFAULT=/var/lib/sightline
else
  HOME_DIR_DEFAULT="${XDG_CACHE_HOME:-$HOME/.cache}/sightline"
fi
BASE="${SIGHTLINE_ES_HOME:-$HOME_DIR_DEFAULT}"
INSTALL="$BASE/elasticsearch-$ES_VERSION"
DATA="$BASE/es-data"
LOGS="$BASE/es-logs"
RUN="$BASE/run"
PIDFILE="$RUN/es.pid"
LOCAL_URL="http://127.0.0.1:$ES_PORT"

say() { echo "sightline-es: $*" >&2; }
die() { say "$*"; exit 2; }

answers() { curl -fsS -m 3 "$1/_cluster/health" >/dev/null 2>&1; }

wait_healthy() {
  local url="$1" deadline=$((SECONDS + ${SIGHTLINE_ES_WAIT:-240}))
  while [ $SECONDS -lt $deadline ]; do
    if curl -fsS -m 5 "$url/_cluster/health?wait_for_status=yellow&timeout=5s" >/dev/null 2>&1; then
      return 0
    fi
    if [ -f "$PIDFILE" ] && ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
      say "Elasticsearch exited during start-up; last lines of its log:"
      tail -n 40 "$LOGS"/*.log 2>/dev/null >&2 || true
      return 1
    fi
    sleep 1
  done
  say "Elasticsearch did not become healthy at $url within ${SIGHTLINE_ES_WAIT:-240}s; last lines of its log:"
  tail -n 40 "$LOGS"/*.log 2>/dev/null >&2 || true
  return 1
}

find_java_home() {
  if [ -n "${ES_JAVA_HOME:-}" ]; then echo "$ES_JAVA_HOME"; return; fi
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then echo "$JAVA_HOME"; return; fi
  local java
  java="$(command -v java || true)"
  [ -n "$java" ] || die "Java 17 or newer is needed to run Elasticsearch $ES_VERSION: install it (Debian: apt-get install -y openjdk-17-jre-headless) or set ES_URL to an existing cluster."
  dirname "$(dirname "$(readlink -f "$java")")"
}

check_java_version() {
  local home="$1" major
  major="$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
  [ -n "$major" ] && [ "$major" -ge 17 ] ||
    die "Elasticsearch $ES_VERSION needs Java 17 or newer, found '${major:-unknown}' at $home: install openjdk-17-jre-headless or set ES_JAVA_HOME."
}

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
  if [ "$(id -u)" = 0 ]; then
    id "$ES_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER"
    chmod 755 "$BASE"
    chown -R "$ES_USER" "$INSTALL" "$DATA" "$LOGS" "$RUN"
  fi
}

start() {
  if [ -n "${ES_URL:-}" ]; then
    answers "$ES_URL" || die "ES_URL is set to $ES_URL but no Elasticsearch answers there."
    echo "$ES_URL"
    return 0
  fi
  if answers "$LOCAL_URL"; then
    say "reusing the Elasticsearch already running at $LOCAL_URL"
    echo "$LOCAL_URL"
    return 0
  fi
  # Java, Maven, unzip and curl: installed here when root (a fresh machine), named otherwise.
  bash "$(dirname "$0")/prereqs.sh" || exit 2
  local java_home
  java_home="$(find_java_home)"
  check_java_version "$java_home"
  mkdir -p "$BASE"
  fetch
  configure
  say "starting Elasticsearch $ES_VERSION on $LOCAL_URL (heap $ES_HEAP)…"
  local cmd="ES_JAVA_HOME='$java_home' '$INSTALL/bin/elasticsearch' -d -p '$PIDFILE'"
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$ES_USER" -- env ES_JAVA_HOME="$java_home" "$INSTALL/bin/elasticsearch" -d -p "$PIDFILE" \
      >"$LOGS/console.log" 2>&1 || true
  else
    bash -c "$cmd" >"$LOGS/console.log" 2>&1 || true
  fi
  wait_healthy "$LOCAL_URL" || exit 1
  say "Elasticsearch is up at $LOCAL_URL"
  echo "$LOCAL_URL"
}

stop() {
  if [ -n "${ES_URL:-}" ]; then say "ES_URL is set: not stopping an external cluster."; return 0; fi
  if [ -s "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    local pid
    pid="$(cat "$PIDFILE")"
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    say "stopped Elasticsearch (pid $pid)"
  else
    say "no Elasticsearch started by Sightline is running"
  fi
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

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  url) echo "${ES_URL:-$LOCAL_URL}" ;;
  *) die "usage: scripts/es.sh start|stop|status|url" ;;
esac
