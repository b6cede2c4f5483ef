#!/usr/bin/env bash
# The monitor UI: installs what its tests need (Debian chromium for the browser tests, npm packages),
# builds the bundle into carrot/static/carrot, and runs the UI's unit tests, tsc and ESLint.
# Idempotent: when nothing in ui/ (or schema.graphql) changed since the last good run it only checks.
# With CI set it never rebuilds: a committed bundle that is stale against the sources fails.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

if [ ! -x /usr/bin/chromium ]; then
  say "Installing Debian chromium (for the browser tests)"
  command -v apt-get >/dev/null || die "/usr/bin/chromium is missing and apt-get is not available: install Chromium"
  apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || die "apt-get install chromium failed"
fi

command -v npm >/dev/null || die "npm is needed to build the monitor UI (Node.js 20 or newer)"
cd "$ROOT/ui"

lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f node_modules/.carrot-lock ] || [ "$(cat node_modules/.carrot-lock)" != "$lock_hash" ]; then
  say "npm ci (ui/)"
  npm ci --no-audit --no-fund --loglevel=error
  printf '%s' "$lock_hash" > node_modules/.carrot-lock
fi

# The hash of the sources the bundle is built from (the same one the bundle's build-stamp records).
sources="$(node scripts/stamp.mjs hash)"
if [ -f node_modules/.carrot-checked ] && [ "$(cat node_modules/.carrot-checked)" = "$sources" ] \
   && node scripts/stamp.mjs check >/dev/null 2>&1; then
  say "UI unchanged since the last good build: bundle up to date"
  exit 0
fi

if node scripts/stamp.mjs check >/dev/null 2>&1; then
  say "UI: bundle up to date; codegen and tsc"
  npm run --silent codegen >/dev/null
  npm run --silent typecheck
elif [ -n "${CI:-}" ]; then
  # In CI the committed bundle is what ships: a stale one is an error, not something to rebuild.
  die "carrot/static/carrot is stale against ui/ (or schema.graphql): run scripts/ui.sh and commit carrot/static/carrot"
else
  say "UI: codegen, tsc, build (carrot/static/carrot)"
  npm run --silent build
fi
say "UI: eslint"
npm run --silent lint
say "UI: unit tests"
npm run --silent test
node scripts/stamp.mjs hash > node_modules/.carrot-checked
say "UI built and checked"
