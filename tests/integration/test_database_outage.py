"""A database that goes away while the service runs: results wait for it and are not lost."""

import time

import psycopg
import pytest
from django.db import connection

from carrot.models import MessageLog
from carrot.utilities import publish_message
from tests import settings as test_settings
from tests import tasks
from tests.conftest import wait_for

pytestmark = pytest.mark.skipif(
    test_settings.ENGINE != "postgres",
    reason="the outage is made by refusing connections to the PostgreSQL test database",
)


def set_allow_connections(database: str, allowed: bool) -> None:
    with psycopg.connect(dbname="postgres", autocommit=True, **test_settings.POSTGRES) as admin:
        admin.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS {str(allowed).lower()}')
        if not allowed:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (database,)
            )


def test_consumer_waits_for_the_database_and_then_saves_the_result(service):
    database = connection.settings_dict["NAME"]
    log = publish_message(tasks.sleep, 1)
    wait_for(lambda: MessageLog.objects.filter(pk=log.pk, status="IN_PROGRESS").exists(), what="task start")
    connection.close()
    set_allow_connections(database, False)
    try:
        time.sleep(3)  # the task finishes during the outage and cannot save its result
    finally:
        set_allow_connections(database, True)
    done = wait_for(
        lambda: MessageLog.objects.filter(pk=log.pk, status="COMPLETED").first(),
        timeout=30,
        what="result saved",
    )
    assert done.output == "1" and done.attempts == 1
    after = publish_message(tasks.add, 1, 1)
    assert wait_for(
        lambda: MessageLog.objects.filter(pk=after.pk, status="COMPLETED").exists(), what="next task"
    )
