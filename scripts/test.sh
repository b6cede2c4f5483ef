#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what it needs, then lint, types, the UI build and its
# unit tests, the docs, and the tests (API, core, browser, upgrade) against the real RabbitMQ on SQLite
# and PostgreSQL with Django 5.2, and on PostgreSQL with Django 4.2 (see each stage for what it leaves out).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

# What the machine must provide (RabbitMQ, a PostgreSQL login, Node.js, root for chromium): all
# problems at once, with how to fix each, before anything is installed.
bash scripts/preflight.sh || exit 1

VENV=.venv
make_venv "$VENV" -e ".[jwt,postgres]" "Django==5.2.*" -r requirements/test.txt -r requirements/docs.txt -c requirements/constraints.txt

say "ruff"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
say "mypy"
"$VENV/bin/mypy"

say "monitor UI: build, type-check, lint, unit tests (and Chromium for the browser tests)"
bash scripts/ui.sh

say "docs (warnings are errors)"
"$VENV/bin/sphinx-build" -W -q -b html docs docs/_build/html

say "tests: Django 5.2, SQLite (with the three-node RabbitMQ cluster of tests/cluster)"
CARROT_TEST_DB=sqlite "$VENV/bin/pytest" "$@"
# The browser tests run once, above: they drive the same bundle through the same views, and every
# query and mutation they use is run on PostgreSQL by the API tests. So do the cluster tests (about a
# minute, most of it booting three RabbitMQ nodes): they test the broker's failover, not the database.
# The unit tests touch no database: they ran above, and run again on Django 4.2 and the other Pythons.
say "tests: Django 5.2, PostgreSQL (all but the browser, cluster and unit tests)"
CARROT_TEST_DB=postgres "$VENV/bin/pytest" --ignore=tests/browser --ignore=tests/cluster --ignore=tests/unit "$@"

OLD=.venv-django42
make_venv "$OLD" -e ".[jwt,postgres]" "Django==4.2.*" -r requirements/test.txt -c requirements/constraints.txt
# What Django's version can change runs here: the ORM and raw SQL paths, migrations (the 1.x ones and
# the import too), views, authentication and the API. Left out, having run on Django 5.2 with each
# database: the browser tests (above); what exercises carrot's own processes, threads and broker links
# rather than Django (the faults, the switch from a running 1.5, service processes and the daemon,
# consumer and publishing threads, time limits and cancelling running threads, packaging); and the
# fuzz test, whose derandomized requests are the same on every stage. The RabbitMQ cluster's failover
# ran once, on SQLite.
NOT_ON_42=(tests/browser tests/faults tests/cluster tests/upgrade/test_switch_from_1x.py
  tests/api/test_fuzz.py
  tests/integration/test_service_process.py tests/integration/test_daemon_1x.py
  tests/integration/test_consumer.py tests/integration/test_consumer_deliveries.py
  tests/integration/test_publishing.py tests/integration/test_publish_rounds.py
  tests/integration/test_time_limits.py tests/integration/test_cancel_running.py
  tests/integration/test_packaging.py tests/integration/test_setup_scripts.py)
say "tests: Django 4.2, PostgreSQL (all but: ${NOT_ON_42[*]})"
CARROT_TEST_DB=postgres "$OLD/bin/pytest" "${NOT_ON_42[@]/#/--ignore=}" "$@"
# The other Pythons the package declares (3.10-3.13), on each one this machine has: the unit tests and
# the integration tests of what depends on the interpreter or on a per-Python pin (the publishing and
# consuming threads, exceptions raised into a running thread, the cron library).
CORE=(tests/unit tests/integration/test_publishing.py tests/integration/test_consumer.py
  tests/integration/test_time_limits.py tests/integration/test_scheduler_cron.py)
SKIPPED=()
for version in 3.10 3.12 3.13; do
  interpreter="$(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$version".*/bin/python 2>/dev/null | tail -1 || true)"
  if [ -z "$interpreter" ]; then
    say "Python $version not found on this machine: its core suite is not run here"
    SKIPPED+=("$version")
    continue
  fi
  PYTHON="$interpreter" make_venv ".venv-py$version" -e ".[jwt,postgres]" "Django==5.2.*" -r requirements/test.txt -c requirements/constraints.txt
  say "tests: Python $version, Django 5.2, SQLite (core)"
  CARROT_TEST_DB=sqlite ".venv-py$version/bin/pytest" "${CORE[@]}" "$@"
done
if [ ${#SKIPPED[@]} -gt 0 ]; then
  say "all tests run passed; SKIPPED: the core suite on Python ${SKIPPED[*]} (not installed here: pyenv install ${SKIPPED[*]})"
else
  say "all tests passed (the core suite also on Python 3.10, 3.12 and 3.13)"
fi
