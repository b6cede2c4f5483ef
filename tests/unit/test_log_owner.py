"""carrot.logs owns the task log: no other module queries MessageLog or builds one, and it depends on
none of the modules that call it (STYLE.md, "One owner per table and per rule").

Both are source scans (``ast``), so they need neither Django nor a database.
"""

from __future__ import annotations

import ast
from pathlib import Path

import carrot

ROOT = Path(carrot.__file__).parent
OWNERS = ("logs/", "models.py", "migrations/")
"""Where ``MessageLog.objects`` and ``MessageLog(...)`` may appear, relative to ``carrot/``."""
MANAGERS = {"objects", "_default_manager", "_base_manager"}
CALLERS = ("carrot.publishing", "carrot.pipeline", "carrot.consumer", "carrot.schema", "carrot.scheduler")
"""Modules that call carrot.logs and so must not be imported by it, even through another module."""


def _is_message_log(node: ast.expr) -> bool:
    """``MessageLog`` or ``<anything>.MessageLog``."""
    return (isinstance(node, ast.Name) and node.id == "MessageLog") or (
        isinstance(node, ast.Attribute) and node.attr == "MessageLog"
    )


def _touches(node: ast.expr) -> bool:
    """``MessageLog.objects`` (or another manager) or ``MessageLog(...)``."""
    if isinstance(node, ast.Attribute):
        return node.attr in MANAGERS and _is_message_log(node.value)
    return isinstance(node, ast.Call) and _is_message_log(node.func)


def touches(source: str) -> list[int]:
    """Lines of ``source`` that use a manager of MessageLog or construct one."""
    return sorted(
        {node.lineno for node in ast.walk(ast.parse(source)) if isinstance(node, ast.expr) and _touches(node)}
    )


def _modules() -> dict[str, Path]:
    """Every module of the carrot package by dotted name."""
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _runtime_statements(body: list[ast.stmt]) -> list[ast.stmt]:
    """The statements a module runs when imported, ``if TYPE_CHECKING:`` blocks left out."""
    out: list[ast.stmt] = []
    for statement in body:
        if isinstance(statement, ast.If):
            if "TYPE_CHECKING" not in ast.unparse(statement.test):
                out += _runtime_statements(statement.body)
            out += _runtime_statements(statement.orelse)
        elif isinstance(statement, ast.Try):
            for block in (
                statement.body,
                statement.orelse,
                statement.finalbody,
                *(h.body for h in statement.handlers),
            ):
                out += _runtime_statements(block)
        else:
            out.append(statement)
    return out


def _with_parents(name: str) -> set[str]:
    parts = name.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts) + 1)}


def imports_at_import_time(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The carrot modules that importing module ``name`` imports directly (not in functions)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for statement in _runtime_statements(ast.parse(path.read_text()).body):
        if isinstance(statement, ast.Import):
            found.update(alias.name for alias in statement.names)
        elif isinstance(statement, ast.ImportFrom):
            base = statement.module or ""
            if statement.level:
                anchor = package.rsplit(".", statement.level - 1)[0] if statement.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in statement.names)
    return {parent for module in found for parent in _with_parents(module) if parent in modules}


def reached_from(start: str, modules: dict[str, Path]) -> set[str]:
    """Every carrot module importing ``start`` imports, directly or through others."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(imports_at_import_time(name, modules[name], modules) - seen)
    return seen - {start}


def test_the_scan_sees_what_it_looks_for():
    assert touches("MessageLog.objects.filter(pk=1)\nx = 1\nlog = MessageLog(task='t')") == [1, 3]
    assert touches("models.MessageLog._default_manager.all()") == [1]
    assert touches("MessageLog.PUBLISHED\nlog.delete()\n'MessageLog.objects' # MessageLog(") == []
    assert touches((ROOT / "logs" / "queries.py").read_text())  # the owner's own uses are found


def test_only_carrot_logs_queries_or_builds_message_logs():
    outside = {}
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(OWNERS):
            continue
        if lines := touches(path.read_text()):
            outside[relative] = lines
    assert outside == {}, (
        "MessageLog.objects or MessageLog(...) outside carrot/logs; add or use a function of "
        f"carrot.logs instead: {outside}"
    )


def test_carrot_logs_imports_none_of_its_callers():
    modules = _modules()
    logs = sorted(name for name in modules if name == "carrot.logs" or name.startswith("carrot.logs."))
    assert "carrot.logs.queries" in logs and "carrot.pipeline" in modules
    assert "carrot.pipeline" in reached_from("carrot.runner", modules)  # the scan follows imports
    cycles = {name: sorted(m for m in reached_from(name, modules) if m.startswith(CALLERS)) for name in logs}
    assert {name: found for name, found in cycles.items() if found} == {}
