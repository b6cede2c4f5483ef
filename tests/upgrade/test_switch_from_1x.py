"""A running django-carrot 1.5 fleet switched to this version, with the real 1.5 release from PyPI.

The 1.5 project (``onefive/``, Django 2.2 in its own venv) and ours use one RabbitMQ queue. Every task,
published by either side, appends its run id and the version that ran it to a ledger when it runs:
each must run exactly once, and end with one ``COMPLETED`` log in our database.
"""

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import settings as test_settings
from tests.upgrade import fleet
from tests.upgrade.sides import CONSUMERS, Ledger, OneFive, Ours, queue_state

pytestmark = [
    pytest.mark.skipif(
        test_settings.ENGINE != "postgres",
        reason="the switch is tested on PostgreSQL, in the suite's PostgreSQL runs",
    ),
    pytest.mark.timeout(240),
]

SET_SIZE = 30
"""Tasks per set: enough for both consumers of a service to take several."""


def assert_each_ran_once(ledger: Ledger, published: dict[str, str]) -> None:
    runs = ledger.runs()
    twice = {run_id: n for run_id, n in runs.items() if n > 1}
    assert not twice, f"tasks that ran more than once: {twice}"
    never, unknown = set(published) - set(runs), set(runs) - set(published)
    assert not never and not unknown, f"never ran: {sorted(never)}; not published: {sorted(unknown)}"


def assert_one_completed_log_each(report: dict, ledger: Ledger, published: dict[str, str]) -> None:
    """Every task has one log, by its message uuid, ``COMPLETED``, with its arguments; and no other log."""
    logs_per_uuid = Counter(log["uuid"] for log in report["logs"])
    assert logs_per_uuid == Counter(published.values()), "a task has no log, or more than one"
    logs = {log["uuid"]: log for log in report["logs"]}
    for run_id, uuid in published.items():
        assert (logs[uuid]["status"], logs[uuid]["task_args"]) == ("COMPLETED", [str(ledger), run_id]), run_id


def assert_schedules_kept(report: dict, arguments_1x: dict[str, dict]) -> None:
    """The 1.5 scheduled tasks are ours now, with the intervals and the arguments 1.5 ran them with."""
    common = {"task": "tests.upgrade.onefive.tasks.record_run", "queue": fleet.QUEUE, "active": True}
    intervals = {"daily": ("days", 1), "from the monitor": ("hours", 12)}
    assert report["scheduled"] == [
        {
            **common,
            "task_name": name,
            "interval_type": intervals[name][0],
            "interval_count": intervals[name][1],
            "task_args": arguments_1x[name]["args"],
            "content": arguments_1x[name]["kwargs"],
        }
        for name in sorted(intervals)
    ]


def test_stop_consumers_then_publishers_then_migrate(onefive: OneFive, ours: Ours, ledger: Ledger):
    # 1. A running 1.5 fleet: its database, two scheduled tasks, its service running set A.
    onefive.command("migrate")
    schedules = json.loads(onefive.command("schedule_tasks", "--ledger", str(ledger)))
    with onefive.service():
        a = onefive.publish(ledger, "A", SET_SIZE)
        ledger.wait_for(a)
    # 2. The 1.5 consumers are stopped: what 1.5 publishes now waits in the queue.
    b = onefive.publish(ledger, "B", SET_SIZE)
    assert queue_state() == (SET_SIZE, 0)
    # 3. The 1.5 publishers are stopped. Our service refuses the 1.5 tables until our migrate converts them.
    refused = ours.attempt(*ours.service_command())
    assert refused.returncode != 0 and "Run `python manage.py migrate carrot`" in refused.stderr
    assert queue_state() == (SET_SIZE, 0)
    ours.command("migrate")
    # 4. Our service runs set B (1.5's messages) and set C (ours).
    with ours.service():
        c = ours.publish(ledger, "C", SET_SIZE)
        ledger.wait_for({**b, **c})
    published = {**a, **b, **c}
    assert_each_ran_once(ledger, published)
    assert (ledger.runners(a), ledger.runners({**b, **c})) == ({"1.5": SET_SIZE}, {"2.x": 2 * SET_SIZE})
    report = ours.report()
    assert_one_completed_log_each(report, ledger, published)
    assert {node["uuid"] for node in report["monitor"]} == set(published.values())
    assert_schedules_kept(report, schedules)


def test_rolling_switch_to_a_new_database(
    onefive: OneFive, onefive_database: str, make_database: Callable[[], str], tmp_path: Path, ledger: Ledger
):
    """Our consumers (new database) join 1.5's on the queue while 1.5 keeps publishing (old database);
    then ``carrot_import_1x`` copies the 1.5 history into the new database."""
    onefive.command("migrate")
    ours = Ours(make_database(), tmp_path)
    ours.command("migrate")
    with onefive.service() as old_consumers:
        publishers = onefive.start_publishing(ledger, "R", pause=0.05)
        ledger.wait_for_runs(10)
        with ours.service(others=CONSUMERS):
            ledger.wait_for_runs(len(ledger.lines()) + 10)  # both versions consume
            old_consumers.stop(kill_if_hung=True)
            ledger.wait_for_runs(len(ledger.lines()) + 10)  # ours alone, 1.5 still publishing
            r = publishers.stop()
            ledger.wait_for(r)
            c = ours.publish(ledger, "C", SET_SIZE)
            ledger.wait_for(c)
    assert_each_ran_once(ledger, {**r, **c})
    assert set(ledger.runners(r)) == {"1.5", "2.x"}, ledger.runners(r)
    assert ledger.runners(c) == {"2.x": SET_SIZE}
    # Our database holds the logs of what our consumers ran, until the 1.5 history is imported.
    ran_by_ours = {run_id: r[run_id] for run_id, by in ledger.lines() if by == "2.x" and run_id in r}
    assert_one_completed_log_each(ours.report(), ledger, {**ran_by_ours, **c})
    old_database = f"postgres://{test_settings.PG_USER}@127.0.0.1:5432/{onefive_database}"
    ours.command("carrot_import_1x", "--url", old_database, "--dry-run")
    assert_one_completed_log_each(ours.report(), ledger, {**ran_by_ours, **c})
    ours.command("carrot_import_1x", "--url", old_database)
    assert_one_completed_log_each(ours.report(), ledger, {**r, **c})
