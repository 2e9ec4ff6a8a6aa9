#!/usr/bin/env bash
# Provisions and runs a local MariaDB server for Sightline's system of record (the shard schemas).
#
#   scripts/mariadb.sh start    install (once, as root), initialise and start a server; reuse one running
#   scripts/mariadb.sh stop     stop the server this script started
#   scripts/mariadb.sh status   say whether the server answers; exit 1 when it does not
#   scripts/mariadb.sh url      print the URL Sightline uses (SIGHTLINE_MYSQL_URL)
#
# With SIGHTLINE_MYSQL_URL set, that server is used and nothing is provisioned.
# Debian's mariadb-server runs from a private data folder under the cache base, on loopback only, as
# the mysql user when started by root. The account it makes for Sightline is sightline/sightline,
# reachable from 127.0.0.1 and the local socket only, with every privilege on the schemas named
# sightline_* (the application creates its shard schemas itself) and on nothing else.
set -euo pipefail

MYSQL_PORT="${SIGHTLINE_MYSQL_PORT:-3306}"
OS_USER="${SIGHTLINE_MARIADB_USER:-mysql}"
APP_USER=sightline
APP_PASSWORD=sightline
SIGHTLINE_TAG=sightline-mariadb
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
BASE="$(sightline_base)"
HOME_DIR="$BASE/mariadb"
DATA="$HOME_DIR/data"
LOGS="$HOME_DIR/logs"
RUN="$HOME_DIR/run"
SOCKET="$RUN/mariadbd.sock"
PIDFILE="$RUN/mariadbd.pid"
LOCAL_URL="mysql://$APP_USER:$APP_PASSWORD@127.0.0.1:$MYSQL_PORT"
PATH="$PATH:/usr/sbin:/usr/local/sbin"

have_client() { command -v mariadb >/dev/null 2>&1 && command -v mariadb-admin >/dev/null 2>&1; }

# The server's greeting, read without a client: its first packet starts with protocol version 10.
greets() {
  # shellcheck disable=SC2016 # expanded by the inner shell
  timeout 5 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    [ "$(head -c 5 <&3 | od -An -tx1 -j4 | tr -d " \n")" = "0a" ]
  ' "$1" "$2" 2>/dev/null
}

# accepts HOST PORT USER PASSWORD: a query succeeds with these credentials.
accepts() {
  MYSQL_PWD="$4" mariadb --no-defaults --protocol=TCP -h "$1" -P "$2" -u "$3" \
    --connect-timeout=3 -N -e 'SELECT 1' >/dev/null 2>&1
}

# Checks SIGHTLINE_MYSQL_URL (mysql://user:password@host:port[/db]) answers: with its credentials when
# the client is installed, else that a MySQL-protocol server greets on that port.
url_answers() {
  local rest="${1#*://}" creds="" user="" password="" hostport host port
  case "$rest" in *@*) creds="${rest%%@*}" && rest="${rest#*@}" ;; esac
  hostport="${rest%%/*}"
  host="${hostport%:*}"
  port=3306
  case "$hostport" in *:*) port="${hostport##*:}" ;; esac
  user="${creds%%:*}"
  case "$creds" in *:*) password="${creds#*:}" ;; esac
  password="$(printf '%b' "${password//%/\\x}")"
  if have_client && [ -n "$user" ]; then
    accepts "$host" "$port" "$user" "$password"
  else
    greets "$host" "$port"
  fi
}

# A URL as shown in messages: without its password.
shown() { echo "$1" | sed -E 's#^([a-z]+://[^:/@]*):[^@]*@#\1:***@#'; }

ours_answers() { accepts 127.0.0.1 "$MYSQL_PORT" "$APP_USER" "$APP_PASSWORD"; }

# The local admin account: root's socket login when root, else the caller's own (mariadb-install-db
# makes both, authenticated by the socket).
admin_user() { if is_root; then echo root; else id -un; fi; }

pinged() {
  mariadb-admin --no-defaults --socket="$SOCKET" -u "$(admin_user)" --connect-timeout=2 ping \
    >/dev/null 2>&1
}

show_log() { tail -n 40 "$LOGS/error.log" "$LOGS/console.log" 2>/dev/null >&2 || true; }

# Debian's server and client, installed as root: without systemd, the package's own service must not
# start, or it would take the port (policy-rc.d is how Debian's packages are told so).
install_packages() {
  command -v mariadbd >/dev/null 2>&1 && have_client && command -v mariadb-install-db >/dev/null 2>&1 &&
    return 0
  is_root || die "MariaDB is not installed: install it (Debian: sudo apt-get install -y mariadb-server mariadb-client) or set SIGHTLINE_MYSQL_URL to an existing server."
  say "installing mariadb-server and mariadb-client from Debian's packages…"
  local made_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  local ok=1
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server mariadb-client >&2 || ok=""
  [ -z "$made_policy" ] || rm -f /usr/sbin/policy-rc.d
  [ -n "$ok" ] || die "apt-get could not install mariadb-server and mariadb-client."
}

initialise() {
  mkdir -p "$DATA" "$LOGS" "$RUN"
  if is_root; then
    chmod 755 "$BASE"
    chown -R "$OS_USER" "$HOME_DIR"
  fi
  [ -d "$DATA/mysql" ] && return 0
  say "initialising a data folder in $DATA…"
  # root@localhost (and, when not root, the caller's own account) authenticate by the socket only.
  local as_user=()
  is_root && as_user=(--user="$OS_USER")
  mariadb-install-db --no-defaults --datadir="$DATA" "${as_user[@]}" --skip-test-db \
    --auth-root-authentication-method=socket >"$LOGS/install-db.log" 2>&1 || {
    tail -n 40 "$LOGS/install-db.log" >&2
    die "mariadb-install-db could not initialise $DATA"
  }
}

# The application's account, made or repaired over the admin socket (idempotent).
provision_account() {
  mariadb --no-defaults --socket="$SOCKET" -u "$(admin_user)" <<SQL || die "could not create the $APP_USER account"
CREATE USER IF NOT EXISTS '$APP_USER'@'127.0.0.1' IDENTIFIED BY '$APP_PASSWORD';
CREATE USER IF NOT EXISTS '$APP_USER'@'localhost' IDENTIFIED BY '$APP_PASSWORD';
ALTER USER '$APP_USER'@'127.0.0.1' IDENTIFIED BY '$APP_PASSWORD';
ALTER USER '$APP_USER'@'localhost' IDENTIFIED BY '$APP_PASSWORD';
GRANT ALL PRIVILEGES ON \`sightline\\_%\`.* TO '$APP_USER'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`sightline\\_%\`.* TO '$APP_USER'@'localhost';
SQL
}

ours_running() { alive "$PIDFILE"; }

start() {
  if [ -n "${SIGHTLINE_MYSQL_URL:-}" ]; then
    url_answers "$SIGHTLINE_MYSQL_URL" ||
      die "SIGHTLINE_MYSQL_URL is set to $(shown "$SIGHTLINE_MYSQL_URL") but no MySQL/MariaDB server accepts it."
    echo "$SIGHTLINE_MYSQL_URL"
    return 0
  fi
  start_lock "$BASE/mariadb.start.lock"
  install_packages
  if ours_answers; then
    say "reusing the MariaDB server already running at 127.0.0.1:$MYSQL_PORT"
    echo "$LOCAL_URL"
    return 0
  fi
  if ours_running; then
    # Started by an earlier run: wait for it (a second server on the same data would break it), then
    # make sure the account is there.
    wait_until "${SIGHTLINE_MYSQL_WAIT:-60}" MariaDB "$PIDFILE" show_log pinged || exit 1
    ours_answers || {
      say "the MariaDB server started earlier refuses $APP_USER: making the account again"
      provision_account
    }
    echo "$LOCAL_URL"
    return 0
  fi
  if greets 127.0.0.1 "$MYSQL_PORT"; then
    die "another server answers on 127.0.0.1:$MYSQL_PORT and refuses $APP_USER/$APP_PASSWORD: stop it, set SIGHTLINE_MYSQL_PORT to a free port, or set SIGHTLINE_MYSQL_URL to use it."
  fi
  initialise
  say "starting MariaDB on 127.0.0.1:$MYSQL_PORT…"
  : >"$LOGS/console.log"
  # --no-defaults: the machine's /etc/mysql settings (its socket, port and folders) are not ours.
  local as_user=()
  is_root && as_user=(--user="$OS_USER")
  start_detached "$OS_USER" "$PIDFILE" "$LOGS/console.log" \
    "$(command -v mariadbd)" --no-defaults "${as_user[@]}" --datadir="$DATA" --socket="$SOCKET" \
    --pid-file="$PIDFILE" --port="$MYSQL_PORT" --bind-address=127.0.0.1 --skip-name-resolve \
    --log-error="$LOGS/error.log" --character-set-server=utf8mb4 \
    --collation-server=utf8mb4_unicode_ci --default-time-zone=+00:00 --performance-schema=OFF \
    --innodb-buffer-pool-size=128M
  wait_until "${SIGHTLINE_MYSQL_WAIT:-60}" MariaDB "$PIDFILE" show_log pinged || exit 1
  provision_account
  ours_answers || die "MariaDB started but refuses $APP_USER/$APP_PASSWORD on 127.0.0.1:$MYSQL_PORT"
  say "MariaDB is up at 127.0.0.1:$MYSQL_PORT"
  echo "$LOCAL_URL"
}

stop() {
  if [ -n "${SIGHTLINE_MYSQL_URL:-}" ]; then say "SIGHTLINE_MYSQL_URL is set: not stopping an external server."; return 0; fi
  stop_pidfile "$PIDFILE" MariaDB 60
}

status() {
  local url="${SIGHTLINE_MYSQL_URL:-$LOCAL_URL}" answered
  if [ -n "${SIGHTLINE_MYSQL_URL:-}" ]; then
    url_answers "$url" && answered=1 || answered=""
  else
    have_client && ours_answers && answered=1 || answered=""
  fi
  if [ -n "$answered" ]; then
    say "a MariaDB server accepts $(shown "$url")"
    echo "$url"
  else
    say "no MariaDB server accepts $(shown "$url")"
    exit 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  url) echo "${SIGHTLINE_MYSQL_URL:-$LOCAL_URL}" ;;
  *) die "usage: scripts/mariadb.sh start|stop|status|url" ;;
esac
