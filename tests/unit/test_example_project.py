"""The example project that `make demo` runs keeps to its own queues and takes its broker from
CARROT_BROKER, as README.md and docs/quickstart.rst say."""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

import pytest

from carrot.conf import parse

SETTINGS = Path(__file__).resolve().parents[2] / "example" / "example" / "settings.py"


def example_carrot(monkeypatch: pytest.MonkeyPatch, broker: str | None = None) -> Any:
    if broker is None:
        monkeypatch.delenv("CARROT_BROKER", raising=False)
    else:
        monkeypatch.setenv("CARROT_BROKER", broker)
    settings, problems = parse(runpy.run_path(str(SETTINGS))["CARROT"])
    assert problems == []
    return settings


def test_the_demo_consumes_only_queues_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    queues = example_carrot(monkeypatch).queues
    assert {q.name for q in queues if q.consumable} == {"carrot-demo", "carrot-demo-emails"}
    assert [q.name for q in queues if not q.consumable] == ["default"]


def test_the_demo_broker_is_the_local_root_vhost_unless_carrot_broker_says_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    local = example_carrot(monkeypatch).default_broker
    assert (local.host, local.virtual_host) == ("127.0.0.1:5672", "/")
    chosen = example_carrot(monkeypatch, "amqp://demo:secret@rabbit.example:5673/demo").default_broker
    assert (chosen.host, chosen.virtual_host) == ("rabbit.example:5673", "demo")
