"""carrot.E002-E004: a database whose carrot tables are still django-carrot 1.x's is named, with the
command that fixes it (a warning while ``migrate`` runs, which fixes it), and the ``carrot`` service
refuses to start on it."""

import io
import subprocess
import sys

import pytest
from django.core.checks import Tags, run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from carrot import database_checks
from tests.conftest import subprocess_env
from tests.upgrade.carrot_tables import carrot_tables, migrate, record_only, recorded  # noqa: F401

pytestmark = pytest.mark.timeout(180)
with_carrot_tables = pytest.mark.usefixtures("carrot_tables")


def carrot_problems():
    return [
        (m.id, m.msg, m.hint)
        for m in run_checks(tags=[Tags.database], databases=["default"])
        if m.id.startswith("carrot.")
    ]


@with_carrot_tables
def test_an_unconverted_15_database_is_named_with_the_command_that_converts_it():
    migrate("0004_set_unique_task_name")
    assert carrot_problems() == [
        (
            "carrot.E002",
            "The carrot tables of database 'default' are still in django-carrot 1.x's format: "
            "their conversion has not run.",
            "Run `python manage.py migrate carrot` (back up the database first).",
        )
    ]
    with pytest.raises(SystemCheckError, match=r"carrot\.E002"):
        call_command("check", "--database", "default")
    warned = io.StringIO()
    assert "Applying carrot.0008_convert_from_1x... OK" in migrate(stderr=warned)  # a warning there
    assert "carrot.W002" in warned.getvalue()
    assert carrot_problems() == []


@with_carrot_tables
def test_a_10_database_is_told_to_fake_the_initial_migration():
    migrate("0001_initial")
    record_only([])
    [(check_id, message, hint)] = carrot_problems()
    assert check_id == "carrot.E003"
    assert message == (
        "The carrot tables of database 'default' were made by django-carrot 1.0, "
        "which recorded no migrations."
    )
    assert hint == (
        "Run `python manage.py migrate carrot --fake-initial`: "
        "it records the tables as created, then converts them."
    )
    migrate("--fake-initial")
    assert carrot_problems() == []


@with_carrot_tables
def test_a_faked_conversion_is_named_and_its_hint_converts_the_tables():
    migrate("0004_set_unique_task_name")
    migrate("--fake")
    [(check_id, message, hint)] = carrot_problems()
    assert check_id == "carrot.E004"
    assert "0008_convert_from_1x) is recorded as applied (was it run with --fake?)" in message
    assert hint == (
        "Run `python manage.py migrate carrot 0001_initial --fake`, then `python manage.py migrate carrot`."
    )
    migrate("0001_initial", "--fake")
    migrate()
    assert "0008_convert_from_1x" in recorded()
    assert carrot_problems() == []


@with_carrot_tables
def test_this_versions_tables_pass_in_a_few_queries():
    migrate()
    with CaptureQueriesContext(connection) as queries:
        assert carrot_problems() == []
    assert len(queries) <= 5


@pytest.fixture
def unreachable_database():
    """A database alias whose server cannot be reached (nothing listens on port 1; no such directory)."""
    default = connections.settings["default"]
    name = "/nonexistent/carrot.sqlite3" if connection.vendor == "sqlite" else default["NAME"]
    connections.settings["unreachable"] = {**default, "NAME": name, "PORT": 1, "TEST": {**default["TEST"]}}
    yield "unreachable"
    connections["unreachable"].close()
    del connections["unreachable"]
    del connections.settings["unreachable"]


def test_an_unreachable_database_is_left_to_the_command_that_needs_it(
    unreachable_database, django_db_blocker
):
    with django_db_blocker.unblock():
        assert database_checks.upgrade_problem(unreachable_database) is None
        assert run_checks(tags=[Tags.database], databases=[unreachable_database]) == []


@with_carrot_tables
def test_the_service_refuses_to_start_on_unconverted_tables():
    migrate("0004_set_unique_task_name")
    connection.close()
    started = subprocess.run(
        [sys.executable, "-m", "django", "carrot", "--no-scheduler"],
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode == 1
    assert started.stderr.strip().splitlines()[-1] == (
        "CommandError: The carrot tables of database 'default' are still in django-carrot 1.x's format: "
        "their conversion has not run. Run `python manage.py migrate carrot` (back up the database first)."
    )
