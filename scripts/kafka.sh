#!/usr/bin/env bash
# Provisions and runs a local single-node Apache Kafka broker for Sightline's live pipeline.
#
#   scripts/kafka.sh start    fetch (once), configure and start a broker; reuse one already answering
#   scripts/kafka.sh stop     stop the broker this script started
#   scripts/kafka.sh status   say whether the broker answers; exit 1 when it does not
#   scripts/kafka.sh url      print the bootstrap address Sightline uses (KAFKA_BROKERS)
#
# With KAFKA_BROKERS set, those brokers are used and nothing is provisioned.
# Kafka's jars are fetched from Maven Central with Maven (there is no other way to fetch it here) and
# run on the machine's JDK as one KRaft node that is both broker and controller, on loopback only.
# The version is pinned: the Node client supports brokers up to 4.1.
set -euo pipefail

KAFKA_VERSION="${SIGHTLINE_KAFKA_VERSION:-4.1.1}"
# The log4j2 that Kafka itself is built against, for the SLF4J binding the jars do not bring.
LOG4J_VERSION=2.24.3
KAFKA_PORT="${SIGHTLINE_KAFKA_PORT:-9092}"
CONTROLLER_PORT="${SIGHTLINE_KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
KAFKA_HEAP="${SIGHTLINE_KAFKA_HEAP:-512m}"
KAFKA_USER="${SIGHTLINE_KAFKA_USER:-sightline-kafka}"
SIGHTLINE_TAG=sightline-kafka
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
BASE="$(sightline_base)"
INSTALL="$BASE/kafka-$KAFKA_VERSION"
HOME_DIR="$BASE/kafka"
CONFIG="$HOME_DIR/config"
DATA="$HOME_DIR/data"
LOGS="$HOME_DIR/logs"
PIDFILE="$HOME_DIR/run/kafka.pid"
LOCAL_ADDRESS="127.0.0.1:$KAFKA_PORT"
JAVA_HINT="set JAVA_HOME, or set KAFKA_BROKERS to an existing cluster"

# Sends a Kafka ApiVersions request (v0) and expects the reply to carry our correlation id and no
# error: a listening port alone may be anything, or a broker still starting.
answers() {
  local host="${1%:*}" port="${1##*:}"
  host="${host#[}" && host="${host%]}"
  # shellcheck disable=SC2016 # expanded by the inner shell
  timeout 5 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "\x00\x00\x00\x0c\x00\x12\x00\x00\x00\x00\x00\x01\x00\x02sl" >&3
    reply="$(head -c 10 <&3 | od -An -tx1 | tr -d " \n")"
    [ "${reply:8:12}" = "000000010000" ]
  ' "$host" "$port" 2>/dev/null
}

# Any of a comma-separated list of host:port answers.
any_answers() {
  local broker
  for broker in ${1//,/ }; do answers "$broker" && return 0; done
  return 1
}

# Ours has started when it answers and its log says so. Each start begins a new server.log (the one
# before is kept as server.log.previous): reading the appended log from an offset failed when log4j
# rolled it over during a start, for the new file is shorter than the offset.
started() {
  answers "$LOCAL_ADDRESS" && grep -q 'Kafka Server started' "$LOGS/server.log" 2>/dev/null
}

show_log() { tail -n 40 "$LOGS/server.log" "$LOGS/console.log" 2>/dev/null >&2 || true; }

fetch() {
  [ -s "$INSTALL/libs/kafka_2.13-$KAFKA_VERSION.jar" ] && return 0
  command -v mvn >/dev/null 2>&1 ||
    die "Maven is needed once to fetch Kafka $KAFKA_VERSION from Maven Central: install it (Debian: apt-get install -y maven) or set KAFKA_BROKERS."
  say "fetching Kafka $KAFKA_VERSION with Maven…"
  local tmp="$BASE/kafka-fetch.$$"
  rm -rf "$tmp" && mkdir -p "$tmp"
  # The broker (kafka_2.13 brings the server, raft, storage and coordinator modules and the storage
  # tool) and log4j2 behind SLF4J, as Kafka's own distribution ships it.
  cat >"$tmp/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>sightline.local</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>$KAFKA_VERSION</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_2.13</artifactId>
      <version>$KAFKA_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.apache.logging.log4j</groupId>
      <artifactId>log4j-slf4j-impl</artifactId>
      <version>$LOG4J_VERSION</version>
    </dependency>
  </dependencies>
</project>
POM
  mvn -q -B -Dstyle.color=never -f "$tmp/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$tmp/libs" >&2 ||
    die "Maven could not fetch org.apache.kafka:kafka_2.13:$KAFKA_VERSION and its dependencies from Maven Central."
  rm -rf "$INSTALL"
  mv "$tmp" "$INSTALL"
  chmod -R go+rX "$INSTALL"
}

configure() {
  mkdir -p "$CONFIG" "$DATA" "$LOGS" "$(dirname "$PIDFILE")"
  cat >"$CONFIG/server.properties" <<PROPS
# Written by scripts/kafka.sh on every start: change the script (or its SIGHTLINE_KAFKA_* variables).
# One KRaft node that is both broker and controller, on loopback only.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$LOCAL_ADDRESS
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA
# A single node can hold one copy of each internal topic.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Sightline creates its topics itself, with their partitions and retention; a typo must not make one.
auto.create.topics.enable=false
# Nobody else will join a test's consumer group: do not wait for them.
group.initial.rebalance.delay.ms=0
num.partitions=1
PROPS
  cat >"$CONFIG/log4j2.properties" <<PROPS
status = warn
appender.file.type = RollingFile
appender.file.name = file
appender.file.fileName = $LOGS/server.log
appender.file.filePattern = $LOGS/server.log.%i
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 50MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 3
rootLogger.level = info
rootLogger.appenderRef.file.ref = file
# Every partition's state change, at info, would drown the rest.
logger.state.name = state.change.logger
logger.state.level = warn
logger.request.name = kafka.request.logger
logger.request.level = warn
PROPS
  if is_root; then
    ensure_system_user "$KAFKA_USER"
    chmod 755 "$BASE"
    chown -R "$KAFKA_USER" "$HOME_DIR"
  fi
}

# The storage is formatted once, with a cluster id made then and kept beside it.
format_storage() {
  [ -s "$DATA/meta.properties" ] && return 0
  local cluster_id_file="$HOME_DIR/cluster-id"
  if [ ! -s "$cluster_id_file" ]; then
    "$JAVA" -cp "$INSTALL/libs/*" kafka.tools.StorageTool random-uuid >"$cluster_id_file"
  fi
  say "formatting the broker's storage (cluster id $(cat "$cluster_id_file"))…"
  run_as "$KAFKA_USER" "$JAVA" -Dlog4j2.configurationFile="$CONFIG/log4j2.properties" \
    -cp "$INSTALL/libs/*" kafka.tools.StorageTool format \
    -t "$(cat "$cluster_id_file")" -c "$CONFIG/server.properties" >&2 ||
    die "could not format Kafka's storage in $DATA"
}

start() {
  if [ -n "${KAFKA_BROKERS:-}" ]; then
    any_answers "$KAFKA_BROKERS" || die "KAFKA_BROKERS is set to $KAFKA_BROKERS but no Kafka broker answers there."
    echo "$KAFKA_BROKERS"
    return 0
  fi
  start_lock "$BASE/kafka.start.lock"
  if answers "$LOCAL_ADDRESS"; then
    say "reusing the Kafka broker already running at $LOCAL_ADDRESS"
    echo "$LOCAL_ADDRESS"
    return 0
  fi
  if alive "$PIDFILE"; then
    # Started by an earlier run and still coming up: a second broker on the same data would break it.
    say "waiting for the Kafka broker that is already starting (pid $(cat "$PIDFILE"))…"
    wait_until "${SIGHTLINE_KAFKA_WAIT:-120}" Kafka "$PIDFILE" show_log answers "$LOCAL_ADDRESS" || exit 1
    echo "$LOCAL_ADDRESS"
    return 0
  fi
  # Java and Maven: installed here when root (a fresh machine), named otherwise.
  bash "$(dirname "$0")/prereqs.sh" || exit 2
  local java_home
  java_home="$(find_java_home "" "Kafka $KAFKA_VERSION" "$JAVA_HINT")"
  check_java_version "$java_home" "Kafka $KAFKA_VERSION" "$JAVA_HINT"
  JAVA="$java_home/bin/java"
  mkdir -p "$BASE"
  fetch
  configure
  format_storage
  say "starting Kafka $KAFKA_VERSION on $LOCAL_ADDRESS (heap $KAFKA_HEAP)…"
  : >"$LOGS/console.log"
  if [ -e "$LOGS/server.log" ]; then mv -f "$LOGS/server.log" "$LOGS/server.log.previous"; fi
  start_detached "$KAFKA_USER" "$PIDFILE" "$LOGS/console.log" \
    "$JAVA" -Xms"$KAFKA_HEAP" -Xmx"$KAFKA_HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$CONFIG/log4j2.properties" -Dkafka.logs.dir="$LOGS" \
    -cp "$INSTALL/libs/*" kafka.Kafka "$CONFIG/server.properties"
  wait_until "${SIGHTLINE_KAFKA_WAIT:-120}" Kafka "$PIDFILE" show_log started || exit 1
  say "Kafka is up at $LOCAL_ADDRESS"
  echo "$LOCAL_ADDRESS"
}

stop() {
  if [ -n "${KAFKA_BROKERS:-}" ]; then say "KAFKA_BROKERS is set: not stopping an external cluster."; return 0; fi
  stop_pidfile "$PIDFILE" Kafka 60
}

status() {
  local brokers="${KAFKA_BROKERS:-$LOCAL_ADDRESS}"
  if any_answers "$brokers"; then
    say "a Kafka broker answers at $brokers"
    echo "$brokers"
  else
    say "no Kafka broker answers at $brokers"
    exit 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  url) echo "${KAFKA_BROKERS:-$LOCAL_ADDRESS}" ;;
  *) die "usage: scripts/kafka.sh start|stop|status|url" ;;
esac
