"""Fixtures of the switch tests: fresh PostgreSQL databases, the 1.5 project and ours as processes."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from bench import peers
from tests.settings import POSTGRES
from tests.upgrade.sides import Ledger, OneFive, Ours


def _admin(statement: str) -> None:
    with psycopg.connect(dbname="postgres", autocommit=True, **POSTGRES) as admin:
        admin.execute(statement)


@pytest.fixture
def make_database() -> Iterator[Callable[[], str]]:
    """Makes new, empty PostgreSQL databases (returns the name); they are dropped after the test."""
    made: list[str] = []

    def make() -> str:
        made.append(f"carrot_switch_{uuid.uuid4().hex[:10]}")
        _admin(f'CREATE DATABASE "{made[-1]}"')
        return made[-1]

    yield make
    for name in made:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def onefive_database(make_database: Callable[[], str]) -> str:
    """The 1.5 project's database; ours shares it in the in-place switch."""
    return make_database()


@pytest.fixture(scope="session")
def onefive_python() -> Path:
    """The Python of the django-carrot 1.5 venv (built from PyPI the first time)."""
    return peers.ensure(peers.CARROT15)


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    return Ledger(tmp_path / "ledger")


@pytest.fixture
def onefive(onefive_python: Path, onefive_database: str, tmp_path: Path) -> OneFive:
    """The 1.5 project."""
    return OneFive(onefive_python, onefive_database, tmp_path)


@pytest.fixture
def ours(onefive_database: str, tmp_path: Path) -> Ours:
    """Our project on the 1.5 project's database."""
    return Ours(onefive_database, tmp_path)
