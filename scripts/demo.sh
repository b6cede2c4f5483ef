#!/usr/bin/env bash
# The main job: the example project on SQLite with the carrot service and the monitor.
# Installs what it needs (a virtualenv with the package), migrates, starts the service and Django's
# server, publishes demo tasks (one of them fails), prints the monitor URL, and runs until Ctrl-C.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

PORT="${PORT:-8000}"
VENV=.venv
make_venv "$VENV" -e ".[jwt,postgres]" "Django==5.2.*" -r requirements/test.txt -r requirements/docs.txt -c requirements/constraints.txt
ensure_rabbitmq

cd example
PY="$ROOT/$VENV/bin/python"
say "Migrating the example database (SQLite: example/db.sqlite3)"
"$PY" manage.py migrate --noinput -v 0
say "Collecting static files, each with a .gz and a .br beside it (example/staticfiles)"
"$PY" manage.py collectstatic --noinput -v 0

"$PY" manage.py carrot_daemon stop --pidfile carrot.pid >/dev/null 2>&1 || true
say "Starting the carrot service (log: example/carrot.log)"
"$PY" manage.py carrot_daemon start --pidfile carrot.pid --logfile carrot.log
stop_all() { "$PY" manage.py carrot_daemon stop --pidfile carrot.pid >/dev/null 2>&1 || true; }
trap stop_all EXIT

say "Publishing demo tasks"
"$PY" manage.py carrot_send demo.tasks.hello "'carrot'"
"$PY" manage.py carrot_send demo.tasks.add 2 40
"$PY" manage.py carrot_send demo.tasks.send_report "'ops@example.com'" "['summary', 'queues']" --queue emails
"$PY" manage.py carrot_send demo.tasks.divide 1 0
"$PY" manage.py shell -v 0 -c "
from carrot.utilities import create_scheduled_task
create_scheduled_task('demo.tasks.flaky', {'seconds': 30}, task_name='Flaky every 30s', probability=0.3)
"

say "The monitor: http://127.0.0.1:$PORT/carrot/   (GraphiQL: http://127.0.0.1:$PORT/carrot/graphql)"
"$PY" manage.py runserver "127.0.0.1:$PORT" --noreload
