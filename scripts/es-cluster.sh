# shellcheck shell=bash
# A local Elasticsearch cluster of SIGHTLINE_ES_NODES nodes on loopback, for trying (and testing) what
# the product does when a node dies. Sourced by es.sh, which has set the version, the first HTTP port,
# the heap, the user and the shared distribution; every node runs that one distribution with a
# configuration folder of its own (ES_PATH_CONF), so the single node's configuration is never touched.
#
#   SIGHTLINE_ES_NODES=3 scripts/es.sh start            start the nodes not running yet; wait for all of them
#   SIGHTLINE_ES_NODES=3 scripts/es.sh stop             stop every node
#   SIGHTLINE_ES_NODES=3 scripts/es.sh status           cluster health and each node; exit 1 when none answers
#   SIGHTLINE_ES_NODES=3 scripts/es.sh url              the nodes' URLs, comma-separated (what ES_URL accepts)
#   SIGHTLINE_ES_NODES=3 scripts/es.sh start-node N     start node N (1-based) and wait until it has joined
#   SIGHTLINE_ES_NODES=3 scripts/es.sh stop-node N      stop node N gracefully
#   SIGHTLINE_ES_NODES=3 scripts/es.sh kill-node N      SIGKILL node N, as a crash would
#
# Node N listens for HTTP on SIGHTLINE_ES_PORT+N-1 (9250, 9251, 9252 by default) and for transport on
# that plus 100; its data, logs and configuration live in <base>/es-cluster/node-N. Every node is
# master-eligible and holds data, so any one of three can go and the other two keep a quorum.

CLUSTER_NAME=sightline-cluster
CLUSTER="$BASE/es-cluster"
CLUSTER_RUN="$CLUSTER/run"

node_http_port() { echo $((ES_PORT + $1 - 1)); }
node_url() { echo "http://127.0.0.1:$(node_http_port "$1")"; }
node_dir() { echo "$CLUSTER/node-$1"; }
node_pidfile() { echo "$CLUSTER_RUN/node-$1.pid"; }
node_name() { echo "sightline-node-$1"; }

cluster_urls() {
  local i urls=()
  for i in $(seq 1 "$ES_NODES"); do urls+=("$(node_url "$i")"); done
  (IFS=,; echo "${urls[*]}")
}

check_node_number() {
  case "${1:-}" in
    [1-9]) [ "$1" -le "$ES_NODES" ] && return 0 ;;
  esac
  die "name a node from 1 to $ES_NODES, got '${1:-}'"
}

# The name of the cluster answering at URL, or nothing when none answers.
cluster_name_at() {
  # (This distribution has no root endpoint; a node's local health names its cluster as well.)
  curl -fsS -m 3 "$1/_cluster/health?filter_path=cluster_name&local=true" 2>/dev/null |
    sed -n 's/.*"cluster_name" *: *"\([^"]*\)".*/\1/p'
}

# cluster_ready WANT STATUS: some node answers that the cluster has WANT nodes and is at least STATUS.
cluster_ready() {
  local want="$1" status="$2" i
  for i in $(seq 1 "$ES_NODES"); do
    curl -fsS -m 6 "$(node_url "$i")/_cluster/health?wait_for_nodes=$want&wait_for_status=$status&timeout=5s" \
      >/dev/null 2>&1 && return 0
  done
  return 1
}

configure_node() {
  local i="$1" dir seeds="" masters="" j
  dir="$(node_dir "$i")"
  mkdir -p "$dir/config" "$dir/data" "$dir/logs" "$CLUSTER_RUN"
  # The distribution's defaults (jvm.options, log4j2.properties…), then this node's own settings.
  cp -r "$INSTALL/config/." "$dir/config/"
  rm -f "$dir/config/elasticsearch.keystore"
  for j in $(seq 1 "$ES_NODES"); do
    seeds+="${seeds:+, }\"127.0.0.1:$(($(node_http_port "$j") + 100))\""
    masters+="${masters:+, }\"$(node_name "$j")\""
  done
  cat >"$dir/config/elasticsearch.yml" <<YML
cluster.name: $CLUSTER_NAME
node.name: $(node_name "$i")
path.data: $dir/data
path.logs: $dir/logs
network.host: 127.0.0.1
http.port: $(node_http_port "$i")
transport.port: $(($(node_http_port "$i") + 100))
discovery.seed_hosts: [$seeds]
# Read only when the cluster forms for the first time; afterwards each node knows its cluster.
cluster.initial_master_nodes: [$masters]
cluster.routing.allocation.disk.threshold_enabled: false
action.auto_create_index: "+sightline-*,-*"
xpack.security.enabled: false
YML
  mkdir -p "$dir/config/jvm.options.d"
  printf -- '-Xms%s\n-Xmx%s\n' "$ES_HEAP" "$ES_HEAP" >"$dir/config/jvm.options.d/heap.options"
}

# As root the nodes run as ES_USER, who must own the distribution and the cluster's folders.
prepare_ownership() {
  is_root || return 0
  ensure_system_user "$ES_USER"
  chmod 755 "$BASE"
  chown -R "$ES_USER" "$INSTALL" "$CLUSTER"
}

# needs_start N: node N is neither running nor starting. Dies when its port belongs to someone else.
needs_start() {
  local i="$1" name
  alive "$(node_pidfile "$i")" && return 1
  name="$(cluster_name_at "$(node_url "$i")")"
  [ -z "$name" ] && return 0
  [ "$name" = "$CLUSTER_NAME" ] && return 1
  die "port $(node_http_port "$i") is taken by another Elasticsearch (cluster '$name'): stop it or set SIGHTLINE_ES_PORT"
}

# launch_node N: starts the configured node N; returns once it has started (not yet joined).
launch_node() {
  local i="$1" pidfile
  pidfile="$(node_pidfile "$i")"
  rm -f "$pidfile"
  say "starting node $i on $(node_url "$i") (heap $ES_HEAP)…"
  run_as "$ES_USER" env ES_JAVA_HOME="$JAVA_HOME_FOR_ES" ES_PATH_CONF="$(node_dir "$i")/config" \
    "$INSTALL/bin/elasticsearch" -d -p "$pidfile" </dev/null >>"$(node_dir "$i")/logs/console.log" 2>&1 9>&- ||
    true
}

# start_nodes N...: configures and starts those of the nodes that are not running, all at once (a node
# waits for a quorum of the others before it counts as started).
start_nodes() {
  local i launched=()
  for i in "$@"; do
    needs_start "$i" || continue
    configure_node "$i"
    launched+=("$i")
  done
  [ ${#launched[@]} -gt 0 ] || return 0
  prepare_ownership
  for i in "${launched[@]}"; do launch_node "$i" & done
  wait
}

show_cluster_logs() {
  local i
  for i in $(seq 1 "$ES_NODES"); do
    say "node $i:"
    tail -n 15 "$(node_dir "$i")/logs/$CLUSTER_NAME.log" 2>/dev/null >&2 || true
  done
}

# wait_for_cluster STATUS: every node joined and the cluster at least STATUS, within SIGHTLINE_ES_WAIT.
wait_for_cluster() {
  local status="$1" deadline=$((SECONDS + ${SIGHTLINE_ES_WAIT:-240})) i
  while [ $SECONDS -lt $deadline ]; do
    cluster_ready "$ES_NODES" "$status" && return 0
    for i in $(seq 1 "$ES_NODES"); do
      local pidfile
      pidfile="$(node_pidfile "$i")"
      if [ -s "$pidfile" ] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        say "node $i exited during start-up; last lines of the logs:"
        show_cluster_logs
        return 1
      fi
    done
    sleep 1
  done
  say "the cluster did not have $ES_NODES nodes at $status within ${SIGHTLINE_ES_WAIT:-240}s; last lines of the logs:"
  show_cluster_logs
  return 1
}

cluster_start() {
  start_lock "$CLUSTER.start.lock"
  if cluster_ready "$ES_NODES" yellow; then
    say "reusing the $ES_NODES-node cluster already running at $(node_url 1)"
    cluster_urls
    return 0
  fi
  prepare
  # shellcheck disable=SC2046 # one argument per node number
  start_nodes $(seq 1 "$ES_NODES")
  wait_for_cluster yellow || exit 1
  say "the $ES_NODES-node cluster is up at $(node_url 1)"
  cluster_urls
}

cluster_start_node() {
  check_node_number "$1"
  start_lock "$CLUSTER.start.lock"
  prepare
  start_nodes "$1"
  wait_for_cluster yellow || exit 1
  say "node $1 is in the cluster"
}

cluster_stop_node() {
  check_node_number "$1"
  stop_pidfile "$(node_pidfile "$1")" "Elasticsearch node $1" 60
}

cluster_kill_node() {
  check_node_number "$1"
  local pidfile pid
  pidfile="$(node_pidfile "$1")"
  alive "$pidfile" || die "node $1 is not running"
  pid="$(cat "$pidfile")"
  kill -9 "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  rm -f "$pidfile"
  say "killed node $1 (pid $pid)"
}

cluster_stop() {
  local i
  for i in $(seq 1 "$ES_NODES"); do cluster_stop_node "$i" & done
  wait
}

cluster_status() {
  local i up=0
  for i in $(seq 1 "$ES_NODES"); do
    if [ "$(cluster_name_at "$(node_url "$i")")" = "$CLUSTER_NAME" ]; then
      echo "node $i $(node_url "$i") up"
      up=$((up + 1))
    else
      echo "node $i $(node_url "$i") down"
    fi
  done
  [ "$up" -gt 0 ] || { say "no node of the local cluster answers"; exit 1; }
  for i in $(seq 1 "$ES_NODES"); do
    curl -fsS -m 5 "$(node_url "$i")/_cluster/health?pretty" 2>/dev/null && break
  done
  cluster_urls
}

cluster_command() {
  if [ -n "${ES_URL:-}" ]; then
    case "${1:-}" in
      start)
        answers "${ES_URL%%,*}" || die "ES_URL is set to $ES_URL but no Elasticsearch answers there."
        echo "$ES_URL"
        return 0
        ;;
      url) echo "$ES_URL"; return 0 ;;
      stop) say "ES_URL is set: not stopping an external cluster."; return 0 ;;
      *) die "ES_URL is set: the local cluster is not managed here; unset it to manage the local cluster" ;;
    esac
  fi
  case "${1:-}" in
    start) cluster_start ;;
    stop) cluster_stop ;;
    status) cluster_status ;;
    url) cluster_urls ;;
    start-node) cluster_start_node "${2:-}" ;;
    stop-node) cluster_stop_node "${2:-}" ;;
    kill-node) cluster_kill_node "${2:-}" ;;
    *) die "usage: SIGHTLINE_ES_NODES=$ES_NODES scripts/es.sh start|stop|status|url|start-node N|stop-node N|kill-node N" ;;
  esac
}
