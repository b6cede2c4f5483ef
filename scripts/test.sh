#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what it needs, then lint, types, the UI build and its
# unit tests, the docs, and the tests (API, core, browser, upgrade) against the real RabbitMQ on SQLite
# and PostgreSQL with Django 5.2, and on PostgreSQL with Django 4.2 (all but the browser tests).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_rabbitmq
ensure_postgres

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

say "tests: Django 5.2, SQLite"
CARROT_TEST_DB=sqlite "$VENV/bin/pytest" "$@"
say "tests: Django 5.2, PostgreSQL"
CARROT_TEST_DB=postgres "$VENV/bin/pytest" "$@"

OLD=.venv-django42
make_venv "$OLD" -e ".[jwt,postgres]" "Django==4.2.*" -r requirements/test.txt -c requirements/constraints.txt
# Not the browser tests: they drive the same bundle through the same views, which the API tests already
# run on Django 4.2; they would add minutes to every run and no coverage of Django's differences.
say "tests: Django 4.2, PostgreSQL (all but the browser tests)"
CARROT_TEST_DB=postgres "$OLD/bin/pytest" --ignore=tests/browser "$@"
# The other Pythons the package declares (3.10-3.13): the core suite on each one this machine has.
for version in 3.10 3.12 3.13; do
  interpreter="$(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$version".*/bin/python 2>/dev/null | tail -1 || true)"
  if [ -z "$interpreter" ]; then
    say "Python $version not found on this machine: its core suite is not run here"
    continue
  fi
  PYTHON="$interpreter" make_venv ".venv-py$version" -e ".[jwt,postgres]" "Django==5.2.*" -r requirements/test.txt -c requirements/constraints.txt
  say "tests: Python $version, Django 5.2, SQLite (core)"
  CARROT_TEST_DB=sqlite ".venv-py$version/bin/pytest" tests/unit tests/integration "$@"
done
say "all tests passed"
