"""Every numeric input has a range and a field error outside it; task paths are read the same way.

Page sizes (tasks, auditLog) are checked in test_task_queries.py and test_audit.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carrot.models import MessageLog, ScheduledTask
from tests.api.conftest import depth

pytestmark = pytest.mark.django_db

ERRORS = "errors { field message code }"
CREATE = f"""
mutation($input: ScheduledTaskCreateInput!) {{
  createScheduledTask(input: $input) {{ scheduledTask {{ id task intervalSeconds }} {ERRORS} }}
}}
"""
UPDATE = f"""
mutation($id: ID!, $input: ScheduledTaskUpdateInput!) {{
  updateScheduledTask(id: $id, input: $input) {{ scheduledTask {{ task intervalSeconds }} {ERRORS} }}
}}
"""
PUBLISH = f"""
mutation($input: PublishTaskInput!) {{ publishTask(input: $input) {{ task {{ task priority }} {ERRORS} }} }}
"""
PENDING = f"mutation($age: Int) {{ requeuePendingTasks(olderThanSeconds: $age) {{ count {ERRORS} }} }}"
INT_MAX = 2**31 - 1
YEAR = 365 * 86400
MAXIMUM = {"SECONDS": YEAR, "MINUTES": YEAR // 60, "HOURS": YEAR // 3600, "DAYS": 365}


def create(gql: Any, interval_type: str, count: int, task: str = "tests.tasks.noop") -> dict[str, Any]:
    variables = {"input": {"task": task, "intervalType": interval_type, "intervalCount": count}}
    return gql(CREATE, variables)["createScheduledTask"]


def interval_error(count: int, unit: str) -> dict[str, str]:
    return {
        "field": "intervalCount",
        "code": "INVALID",
        "message": f"The interval must be from 1 to {MAXIMUM[unit]} {unit.lower()} (a year), got {count}.",
    }


@pytest.mark.parametrize("unit", sorted(MAXIMUM))
def test_an_interval_is_from_one_unit_to_a_year(gql, unit):
    for count in (1, MAXIMUM[unit]):
        result = create(gql, unit, count)
        assert result["errors"] == [] and result["scheduledTask"]["intervalSeconds"] <= YEAR
        ScheduledTask.objects.all().delete()
    for count in (0, -1, MAXIMUM[unit] + 1, INT_MAX):
        assert create(gql, unit, count) == {"scheduledTask": None, "errors": [interval_error(count, unit)]}
    assert not ScheduledTask.objects.exists()


def test_changing_only_the_unit_checks_the_interval_it_makes(gql):
    scheduled = ScheduledTask.objects.create(task="tests.tasks.noop", task_name="n", interval_count=1000)
    result = gql(UPDATE, {"id": str(scheduled.pk), "input": {"intervalType": "DAYS"}})["updateScheduledTask"]
    assert result["errors"] == [interval_error(1000, "DAYS")]
    scheduled.refresh_from_db()
    assert (scheduled.interval_type, scheduled.interval_count) == ("seconds", 1000)
    result = gql(UPDATE, {"id": str(scheduled.pk), "input": {"intervalType": "HOURS"}})["updateScheduledTask"]
    assert result == {
        "scheduledTask": {"task": "tests.tasks.noop", "intervalSeconds": 3_600_000},
        "errors": [],
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(unit=st.sampled_from(sorted(MAXIMUM)), count=st.integers(min_value=-(2**31), max_value=INT_MAX))
def test_any_interval_count_is_saved_or_refused_on_its_field(gql, unit, count):
    ScheduledTask.objects.all().delete()
    result = create(gql, unit, count)  # never a GraphQL error (gql asserts there is none)
    if 1 <= count <= MAXIMUM[unit]:
        assert result["errors"] == []
        saved = ScheduledTask.objects.get()
        assert saved.interval.total_seconds() == result["scheduledTask"]["intervalSeconds"] <= YEAR
    else:
        assert result["errors"] == [interval_error(count, unit)]
        assert not ScheduledTask.objects.exists()


def test_an_interval_count_beyond_a_graphql_int_is_a_clear_request_error(gql):
    variables = {"input": {"task": "tests.tasks.noop", "intervalType": "DAYS", "intervalCount": INT_MAX + 1}}
    response = gql.post(CREATE, variables)
    assert response.status_code == 400
    assert "Int cannot represent non 32-bit signed integer value" in response.json()["errors"][0]["message"]


@pytest.mark.django_db(transaction=True)
def test_priority_is_from_0_to_255(gql, purge_queues):
    for priority in (-1, 256, INT_MAX):
        result = gql(PUBLISH, {"input": {"task": "tests.tasks.noop", "priority": priority}})["publishTask"]
        assert result["errors"] == [
            {
                "field": "priority",
                "code": "INVALID",
                "message": f"Priority must be from 0 to 255, got {priority}.",
            }
        ]
    assert not MessageLog.objects.exists() and depth() == 0
    for priority in (0, 255):
        result = gql(PUBLISH, {"input": {"task": "tests.tasks.noop", "priority": priority}})["publishTask"]
        assert result == {"task": {"task": "tests.tasks.noop", "priority": priority}, "errors": []}


def test_older_than_seconds_is_0_or_more(gql):
    stuck = MessageLog.objects.create(
        uuid="u", task="tests.tasks.noop", status=MessageLog.PUBLISHED, publish_time=timezone.now()
    )
    result = gql(PENDING, {"age": -1})["requeuePendingTasks"]
    assert result == {
        "count": 0,
        "errors": [{"field": "olderThanSeconds", "code": "INVALID", "message": "Must be 0 or more."}],
    }
    # The largest Int is 68 years: no task is that old, and nothing overflows.
    assert gql(PENDING, {"age": INT_MAX})["requeuePendingTasks"] == {"count": 0, "errors": []}
    stuck.refresh_from_db()
    assert stuck.status == MessageLog.PUBLISHED


def test_an_explicit_null_number_means_its_default(gql, purge_queues):
    # Found by the fuzz run: `olderThanSeconds: null` and `priority: null` were compared with numbers.
    stuck = MessageLog.objects.create(
        uuid="u",
        task="tests.tasks.noop",
        queue="default",
        status=MessageLog.PUBLISHED,
        publish_time=timezone.now(),
    )
    assert gql(PENDING, {"age": None})["requeuePendingTasks"] == {"count": 1, "errors": []}
    stuck.refresh_from_db()
    assert stuck.status == MessageLog.PUBLISHED and stuck.attempts == 0
    result = gql(PUBLISH, {"input": {"task": "tests.tasks.noop", "priority": None}})["publishTask"]
    assert result == {"task": {"task": "tests.tasks.noop", "priority": 0}, "errors": []}


# --- Task paths -----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_every_mutation_reads_a_task_path_without_its_surrounding_spaces(gql, purge_queues):
    spaced = "  tests.tasks.noop \t"
    published = gql(PUBLISH, {"input": {"task": spaced}})["publishTask"]
    assert published == {"task": {"task": "tests.tasks.noop", "priority": 0}, "errors": []}
    created = create(gql, "MINUTES", 5, task=spaced)
    assert created["errors"] == [] and created["scheduledTask"]["task"] == "tests.tasks.noop"
    moved = {"task": f" {'tests.tasks.add'} ", "args": "1, 2"}  # add(a, b): its arguments with it
    updated = gql(UPDATE, {"id": created["scheduledTask"]["id"], "input": moved})
    assert updated["updateScheduledTask"]["scheduledTask"]["task"] == "tests.tasks.add"


@pytest.mark.django_db(transaction=True)
def test_every_mutation_refuses_an_unregistered_path_alike(gql, purge_queues):
    published = gql(PUBLISH, {"input": {"task": " os.system "}})["publishTask"]["errors"]
    created = create(gql, "MINUTES", 5, task=" os.system ")["errors"]
    assert [e["code"] for e in published] == [e["code"] for e in created] == ["NOT_REGISTERED"]
    assert published[0]["message"] == created[0]["message"]
    assert "'os.system'" in published[0]["message"]
    assert published[0]["field"] == created[0]["field"] == "task"
    assert not MessageLog.objects.exists() and not ScheduledTask.objects.exists()
