# shellcheck shell=bash
# What the local-service scripts (es.sh, kafka.sh, mariadb.sh) share: messages, the cache base,
# finding Java, running as an unprivileged user, starting detached, waiting and stopping.
# Sourced, never run; each script sets SIGHTLINE_TAG (its message prefix) before using it.

say() { echo "${SIGHTLINE_TAG:-sightline}: $*" >&2; }
die() { say "$*"; exit 2; }

is_root() { [ "$(id -u)" = 0 ]; }

# Where fetched software and local data live. As root it is /var/lib/sightline, because the
# unprivileged users the services run as must be able to read it and a root-owned $HOME would hide
# it from them; anyone else gets their cache folder. SIGHTLINE_HOME overrides both.
sightline_base() {
  if is_root; then
    echo "${SIGHTLINE_HOME:-/var/lib/sightline}"
  else
    echo "${SIGHTLINE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/sightline}"
  fi
}

# find_java_home PREFERRED WHAT HINT: PREFERRED (a service's own JAVA_HOME variable) when set, else
# JAVA_HOME, else the java on PATH. WHAT names what needs it, HINT the way around a missing Java.
find_java_home() {
  local preferred="$1" what="$2" hint="$3" java
  if [ -n "$preferred" ]; then echo "$preferred"; return; fi
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then echo "$JAVA_HOME"; return; fi
  java="$(command -v java || true)"
  [ -n "$java" ] || die "Java 17 or newer is needed to run $what: install it (Debian: apt-get install -y openjdk-17-jre-headless) or $hint."
  dirname "$(dirname "$(readlink -f "$java")")"
}

# check_java_version HOME WHAT HINT: exits 2 unless HOME holds Java 17 or newer.
check_java_version() {
  local home="$1" what="$2" hint="$3" major
  major="$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
  [ -n "$major" ] && [ "$major" -ge 17 ] ||
    die "$what needs Java 17 or newer, found '${major:-unknown}' at $home: install openjdk-17-jre-headless or $hint."
}

# start_lock FILE: one start of a service at a time. Test runs start services from their setups, so
# several may start at once; a second start must wait and reuse the first one's service, never run a
# second server on the same data. Held (on fd 9) until the script ends; start_detached keeps the
# service from inheriting it.
start_lock() {
  mkdir -p "$(dirname "$1")"
  exec 9>>"$1"
  flock -w "${SIGHTLINE_START_LOCK_WAIT:-900}" 9 ||
    die "another start has held $1 for ${SIGHTLINE_START_LOCK_WAIT:-900}s: is it stuck?"
}

# alive PIDFILE: the process it names is running.
alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

ensure_system_user() {
  id "$1" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$1"
}

# run_as USER COMMAND...: as USER when root (services refuse root or should not have it), else as
# the caller.
run_as() {
  local user="$1"
  shift
  if is_root; then runuser -u "$user" -- "$@"; else "$@"; fi
}

# start_detached USER PIDFILE CONSOLE COMMAND...: runs COMMAND in its own session (a Ctrl-C in the
# caller's terminal does not reach it), as USER when root, with no handle on the caller's stdout (a
# caller reading that, such as a test setup, would otherwise wait for the service to end). The
# service writes its own pid, so PIDFILE's folder must be writable by USER.
start_detached() {
  local user="$1" pidfile="$2" console="$3"
  shift 3
  rm -f "$pidfile"
  # shellcheck disable=SC2016 # expanded by the inner shell
  local record_pid_then_run=(bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@")
  if is_root; then
    setsid runuser -u "$user" -- "${record_pid_then_run[@]}" </dev/null >>"$console" 2>&1 9>&- &
  else
    setsid "${record_pid_then_run[@]}" </dev/null >>"$console" 2>&1 9>&- &
  fi
}

# wait_until SECONDS WHAT PIDFILE SHOW_LOG CHECK...: runs CHECK every second until it succeeds. Fails,
# after calling SHOW_LOG (a function printing the service's last log lines to stderr), when the
# process in PIDFILE has exited or SECONDS have passed.
wait_until() {
  local seconds="$1" what="$2" pidfile="$3" show_log="$4"
  shift 4
  local deadline=$((SECONDS + seconds))
  while [ $SECONDS -lt $deadline ]; do
    if "$@"; then return 0; fi
    if [ -s "$pidfile" ] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      say "$what exited during start-up; last lines of its log:"
      "$show_log"
      return 1
    fi
    sleep 1
  done
  say "$what did not become ready within ${seconds}s; last lines of its log:"
  "$show_log"
  return 1
}

# stop_pidfile PIDFILE WHAT [SECONDS]: TERM to the process in PIDFILE, KILL when it is still there
# after SECONDS (60).
stop_pidfile() {
  local pidfile="$1" what="$2" seconds="${3:-60}" pid
  if [ -s "$pidfile" ] && pid="$(cat "$pidfile")" && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 "$seconds"); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
      say "$what (pid $pid) did not stop within ${seconds}s: killing it"
      kill -9 "$pid"
    fi
    rm -f "$pidfile"
    say "stopped $what (pid $pid)"
  else
    say "no $what started by Sightline is running"
  fi
}
