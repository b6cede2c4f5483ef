"""The monitor bundle shipped in carrot/static/carrot is what ui/ builds today, and Django serves it."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from django.contrib.staticfiles import finders

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"
STAMP = ROOT / "carrot" / "static" / "carrot" / "build-stamp.json"
STAMPED_FILES = ("package.json", "package-lock.json", "vite.config.ts", "codegen.ts", "tsconfig.json")


def source_files() -> list[str]:
    """What the bundle is built from; the same list as ui/scripts/stamp.mjs makes."""
    generated = UI / "src" / "gql"
    files = [p for p in (UI / "src").rglob("*") if p.is_file() and generated not in p.parents]
    files += [UI / name for name in STAMPED_FILES]
    files.append(ROOT / "schema.graphql")
    return sorted(p.relative_to(ROOT).as_posix() for p in files)


def source_hash() -> str:
    lines = "".join(
        f"{path}\0{hashlib.sha256((ROOT / path).read_bytes()).hexdigest()}\n" for path in source_files()
    )
    return hashlib.sha256(lines.encode()).hexdigest()


def test_shipped_bundle_is_built_from_the_current_ui_sources() -> None:
    assert STAMP.exists(), "carrot/static/carrot has no build stamp: run scripts/ui.sh"
    recorded = json.loads(STAMP.read_text())["sources"]
    assert recorded == source_hash(), (
        "carrot/static/carrot is stale: ui/ sources, package-lock.json or schema.graphql changed since "
        "the bundle was built. Run scripts/ui.sh and commit carrot/static/carrot."
    )


def test_the_stamp_covers_sources_lockfile_and_schema() -> None:
    files = source_files()
    assert {"schema.graphql", "ui/package-lock.json", "ui/src/main.tsx"} <= set(files)
    generated = [path for path in files if path.startswith("ui/src/gql/")]
    assert not generated, "generated code is derived from the schema, not a source"


def test_the_bundle_is_a_static_file_of_the_app_and_small() -> None:
    script = finders.find("carrot/monitor.js")
    style = finders.find("carrot/monitor.css")
    assert script and style, "the monitor bundle is not among carrot's static files"
    gzipped = sum(len(gzip.compress(Path(p).read_bytes(), 9)) for p in (script, style))
    assert gzipped <= 250 * 1024, f"the monitor ships {gzipped / 1024:.0f} KB gzipped (budget 250 KB)"
