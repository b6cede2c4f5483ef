#!/usr/bin/env bash
# The main job: the example project on SQLite with the carrot service and the monitor.
# Checks the port and the broker before anything else, installs what the example needs (a virtualenv
# with the package and WhiteNoise: not the test or docs toolchain, and no Node, the monitor's bundle is
# committed), migrates, starts the service and Django's server, publishes demo tasks (one of them fails)
# to the demo's own queues, prints the monitor URL, and runs until Ctrl-C.
#   PORT           the server's port (default 8000)
#   CARROT_BROKER  the RabbitMQ to use (default amqp://guest:guest@127.0.0.1:5672/%2F, started when
#                  installed and stopped)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

# The broker of CARROT_BROKER answers (its host and port only: the URL may hold a password).
check_broker() {
  local rest="${CARROT_BROKER#*://}" host port
  rest="${rest##*@}"
  rest="${rest%%/*}"
  host="${rest%%:*}"
  if [ "$rest" != "$host" ]; then port="${rest##*:}"; elif [[ "$CARROT_BROKER" == amqps://* ]]; then port=5671; else port=5672; fi
  port_open "$port" "${host:-127.0.0.1}" || die "the broker in CARROT_BROKER (${host:-127.0.0.1}:$port) is not reachable"
}

PORT="${PORT:-8000}"
if ! [[ "$PORT" =~ ^[1-9][0-9]{0,4}$ ]] || [ "$PORT" -gt 65535 ]; then
  die "PORT must be a port number from 1 to 65535, got '$PORT'"
fi
if port_open "$PORT"; then
  die "port $PORT on 127.0.0.1 is in use: choose another with PORT, e.g. PORT=$((PORT % 65535 + 1)) make demo"
fi
if [ -n "${CARROT_BROKER:-}" ]; then check_broker; else ensure_rabbitmq; fi

VENV=.venv
# --no-compile: Python compiles what the demo imports as it goes, not all of Django up front.
make_venv "$VENV" --no-compile -e ".[jwt,postgres]" "Django==5.2.*" -r requirements/demo.txt -c requirements/constraints.txt

cd example
PY="$ROOT/$VENV/bin/python"
export DJANGO_SETTINGS_MODULE=example.settings  # the example project's, whatever the shell exported
say "Migrating the example database (SQLite: example/db.sqlite3)"
# --skip-checks here and for the server: checks print SQLite-only warnings that are no concern here.
"$PY" manage.py migrate --noinput -v 0 --skip-checks
# Compressing takes a while: only when the bundle or the packages changed, beside the next steps.
collected="$(cat "$ROOT/carrot/static/carrot/build-stamp.json" "$ROOT/$VENV/.carrot-installed")"
collecting=
if [ "$(cat staticfiles/.carrot-collected 2>/dev/null)" != "$collected" ]; then
  say "Collecting static files, each with a .gz and a .br beside it (example/staticfiles)"
  { "$PY" manage.py collectstatic --noinput -v 0 && printf '%s' "$collected" > staticfiles/.carrot-collected; } &
  collecting=$!
fi

stop_all() { "$PY" manage.py carrot_daemon stop --pidfile carrot.pid >/dev/null 2>&1 || true; }
[ ! -f carrot.pid ] || stop_all  # one left by a run that was killed

# The demo's own queues (example/example/settings.py): it never consumes another application's.
# Before the service starts: on SQLite, saving the schedule beside a running service's writes can
# fail at once with "database is locked"; the queued tasks run as soon as the service is up.
say "Publishing demo tasks to the queues carrot-demo and carrot-demo-emails"
"$PY" manage.py demo_publish

say "Starting the carrot service (log: example/carrot.log)"
"$PY" manage.py carrot_daemon start --pidfile carrot.pid --logfile carrot.log
trap stop_all EXIT

[ -z "$collecting" ] || wait "$collecting" || die "collectstatic failed"
# The Completed tab: the demo's tasks have run by the time a browser opens it (the failed one is
# counted, in red, on the Failed tab beside it).
say "The monitor: http://127.0.0.1:$PORT/carrot/completed   (GraphiQL: http://127.0.0.1:$PORT/carrot/graphql)"
"$PY" manage.py runserver "127.0.0.1:$PORT" --noreload --skip-checks
