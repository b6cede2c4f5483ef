#!/usr/bin/env bash
# What `make test` needs from the machine, checked before it installs or runs anything: RabbitMQ and
# rabbitmqctl (a vhost per run), a PostgreSQL login that may create databases, the Node.js the UI's
# lockfile needs, and root when Debian's chromium must be installed. Prints every problem with how to
# fix it and exits 1, or prints nothing and exits 0. Starts RabbitMQ and PostgreSQL when they are
# installed and stopped.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PROBLEMS=()
problem() { PROBLEMS+=("$*"); }

check_rabbitmq() {
  (ensure_rabbitmq) 2>/dev/null || { problem "RabbitMQ is not reachable on 127.0.0.1:5672: install it (apt-get install rabbitmq-server) and start it (rabbitmq-server -detached)."; return; }
  command -v rabbitmqctl >/dev/null && timeout 60 rabbitmqctl -q list_vhosts >/dev/null 2>&1 \
    || problem "rabbitmqctl does not work for $(id -un): the tests make a RabbitMQ vhost per run with it, which needs root. Run the tests as root (sudo make test)."
}

check_postgres() {
  (ensure_postgres) 2>/dev/null || { problem "PostgreSQL is not reachable on 127.0.0.1:5432: install it (apt-get install postgresql) and start it (pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start)."; return; }
  command -v psql >/dev/null || { problem "psql is missing (apt-get install postgresql-client): it checks the tests' PostgreSQL login."; return; }
  local user="${PGUSER:-postgres}" answer
  answer="$(PGCONNECT_TIMEOUT=10 psql -X -w -A -t -h 127.0.0.1 -p 5432 -U "$user" -d postgres \
    -c "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user" 2>&1)"
  if [ $? -ne 0 ]; then
    problem "PostgreSQL refuses the tests' login (user '$user' from PGUSER, password from PGPASSWORD): ${answer//$'\n'/ }
    A stock install refuses a passwordless postgres over TCP: give it a password and pass it on, e.g.
      sudo -u postgres psql -c \"ALTER USER postgres PASSWORD 'postgres'\"
      PGPASSWORD=postgres make test"
  elif [ "$answer" != "t" ]; then
    problem "PostgreSQL role '$user' (PGUSER) may not create databases: the tests make one per run (ALTER ROLE \"$user\" CREATEDB)."
  fi
}

# node_fits VERSION: the UI lockfile's engines (vite: ^20.19 || >=22.12; eslint: ^20.19 || ^22.13 || >=24).
node_fits() {
  local major minor rest
  IFS=. read -r major minor rest <<< "${1#v}"
  [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] || return 1
  (( (major == 20 && minor >= 19) || (major == 22 && minor >= 13) || major >= 24 ))
}

check_node() {
  local how="Debian 12 and Ubuntu 24.04 ship older ones: install Node.js 22 from https://nodejs.org/en/download (or NodeSource, or nvm install 22)."
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    problem "Node.js and npm are needed to build the monitor UI (Node.js 20.19+, 22.13+ or 24+). $how"
    return
  fi
  local version
  version="$(node --version 2>/dev/null)"
  node_fits "$version" || problem "Node.js $version is too old or unsupported for the UI's lockfile: it needs 20.19+, 22.13+ or 24+. $how"
}

check_chromium() {
  [ -x /usr/bin/chromium ] && return
  command -v apt-get >/dev/null || { problem "/usr/bin/chromium is missing (the browser tests drive it) and apt-get is not available: install Chromium."; return; }
  [ "$(id -u)" = 0 ] || problem "/usr/bin/chromium is missing (the browser tests drive it) and installing it needs root: sudo apt-get install chromium, or run the tests as root."
}

main() {
  check_rabbitmq
  check_postgres
  check_node
  check_chromium
  if [ ${#PROBLEMS[@]} -gt 0 ]; then
    printf '\033[31merror:\033[0m this machine lacks what the tests need (README.md, "Set-up on a fresh machine"):\n' >&2
    printf -- '- %s\n' "${PROBLEMS[@]}" >&2
    exit 1
  fi
}

# Sourced (as tests/integration/test_setup_scripts.py does), it only defines the checks.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then main; fi
