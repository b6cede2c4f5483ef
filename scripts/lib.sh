# Shared by scripts/demo.sh and scripts/test.sh: virtualenvs and the local RabbitMQ/PostgreSQL.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"

say() { printf '\033[1m==> [%s] %s\033[0m\n' "$(date +%T)" "$*"; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# make_venv DIR PIP-ARGS...: create DIR and install PIP-ARGS, again only when they changed. The stamp
# holds the hash of the requirement files, then one line per set of arguments installed since: the
# demo's smaller set and the tests' larger one share .venv without reinstalling each other's.
make_venv() {
  local dir="$1"; shift
  local stamp="$dir/.carrot-installed" files wanted
  files="$(cat "$ROOT"/requirements/*.txt "$ROOT/setup.py" | sha256sum)"
  wanted="$(printf '%s\n' "$@" | sha256sum)"
  if [ -f "$stamp" ] && [ "$(head -1 "$stamp")" = "${files%% *}" ] && grep -qx "${wanted%% *}" "$stamp"; then
    return 0
  fi
  say "Installing Python packages into $dir"
  [ -x "$dir/bin/python" ] || "$PYTHON" -m venv "$dir" || die "cannot create a virtualenv with $PYTHON (apt-get install python3-venv)"
  "$dir/bin/pip" install -q --disable-pip-version-check "$@" || die "pip install failed in $dir"
  [ -f "$stamp" ] && [ "$(head -1 "$stamp")" = "${files%% *}" ] || echo "${files%% *}" > "$stamp"
  echo "${wanted%% *}" >> "$stamp"
}

# port_open PORT [HOST]: something accepts connections there (HOST defaults to 127.0.0.1).
port_open() { (exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1") 2>/dev/null; }

ensure_rabbitmq() {
  port_open 5672 && return 0
  if command -v rabbitmq-server >/dev/null; then
    say "Starting RabbitMQ"
    rabbitmq-server -detached >/dev/null 2>&1 || true
    rabbitmqctl await_startup --timeout 60 >/dev/null 2>&1 || true
  fi
  port_open 5672 || die "RabbitMQ is not reachable on 127.0.0.1:5672. Install it (apt-get install rabbitmq-server) and start it (rabbitmq-server -detached)."
}

ensure_postgres() {
  port_open 5432 && return 0
  if [ -d /etc/postgresql ]; then
    say "Starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | tail -1)" main start || true
    for _ in $(seq 30); do port_open 5432 && break; sleep 1; done
  fi
  port_open 5432 || die "PostgreSQL is not reachable on 127.0.0.1:5432. Install it (apt-get install postgresql) and start it (pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start)."
}
