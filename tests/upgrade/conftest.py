"""Fixtures of the switch tests: a fresh PostgreSQL database, the 1.5 project and ours as processes."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from bench import peers
from tests.upgrade.sides import Ledger, OneFive, Ours

POSTGRES = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}


def _admin(statement: str) -> None:
    with psycopg.connect(dbname="postgres", autocommit=True, **POSTGRES) as admin:
        admin.execute(statement)


@pytest.fixture
def new_database() -> Iterator[str]:
    """The name of a new, empty PostgreSQL database, dropped after the test."""
    name = f"carrot_switch_{uuid.uuid4().hex[:10]}"
    _admin(f'CREATE DATABASE "{name}"')
    yield name
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def onefive_python() -> Path:
    """The Python of the django-carrot 1.5 venv (built from PyPI the first time)."""
    return peers.ensure(peers.CARROT15)


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    return Ledger(tmp_path / "ledger")


@pytest.fixture
def onefive(onefive_python: Path, new_database: str, tmp_path: Path) -> OneFive:
    """The 1.5 project on the new database."""
    return OneFive(onefive_python, new_database, tmp_path)


@pytest.fixture
def ours(new_database: str, tmp_path: Path) -> Ours:
    """Our project on the same database."""
    return Ours(new_database, tmp_path)
