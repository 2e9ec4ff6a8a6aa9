#!/usr/bin/env bash
# Makes sure the tools that provisioning Elasticsearch and Kafka needs are on the machine: Java 17 or
# newer to run them, Maven to fetch them once, unzip to unpack Elasticsearch, curl to watch it start.
# As root (a fresh machine, CI) whatever is missing is installed from Debian's packages; anyone else is
# told the one command to run, and the script exits 2. Used by scripts/es.sh, scripts/kafka.sh and
# .ci/run, so the list lives here only.
set -euo pipefail

# The major version of the Java that scripts/es.sh will pick (same order), or nothing when there is none.
java_major() {
  local java
  if [ -n "${ES_JAVA_HOME:-}" ]; then
    java="$ES_JAVA_HOME/bin/java"
  elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java="$JAVA_HOME/bin/java"
  else
    java="$(command -v java || true)"
  fi
  [ -n "$java" ] && [ -x "$java" ] || return 0
  "$java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1
}

need=()
major="$(java_major)"
[ -n "$major" ] && [ "$major" -ge 17 ] || need+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v unzip >/dev/null 2>&1 || need+=(unzip)
command -v curl >/dev/null 2>&1 || need+=(curl)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "sightline: Elasticsearch and Kafka need ${need[*]}: install them (Debian: sudo apt-get install -y ${need[*]}) or set ES_URL and KAFKA_BROKERS to existing clusters." >&2
  exit 2
fi
echo "sightline: installing ${need[*]} from Debian's packages…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq "${need[@]}" >&2
