"""The task lifecycle over HTTP: the waiting and cancelled lists, a task's retries and attempts, cancel and
run-now, delayed publishes, cron schedules and their preview, and the field errors that store nothing.

Roles for the new mutations and query are in ``test_roles.py`` (every caller, every mutation).
"""

from __future__ import annotations

import base64
import datetime
import sys

import pytest
from django.utils import timezone

from carrot import registry, scheduler
from carrot.models import AuditEntry, MessageLog, ScheduledTask
from tests.api.conftest import depth, make_log, take
from tests.conftest import wait_for

ERRORS = "errors { field message code }"
PAGE = """
query Page($filter: TaskFilter!, $first: Int, $after: String, $last: Int, $before: String) {
  tasks(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    edges { cursor node { id status eta } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""
TASK = """
query($id: ID!) {
  task(id: $id) {
    status eta retries maxRetries timeLimit cancelledTime attempts
    attemptHistory { attempt started ended worker exception traceback retryAt }
  }
}
"""
CANCEL = f"""
mutation($ids: [ID!], $filter: TaskFilter) {{ cancelTasks(ids: $ids, filter: $filter) {{ count {ERRORS} }} }}
"""
RUN_NOW = f"""
mutation($ids: [ID!], $filter: TaskFilter) {{
  runWaitingNow(ids: $ids, filter: $filter) {{ count {ERRORS} }}
}}
"""
PUBLISH = f"""
mutation($input: PublishTaskInput!) {{
  publishTask(input: $input) {{ task {{ id status eta maxRetries publishTime }} {ERRORS} }}
}}
"""
RUN_SCHEDULED = f"""
mutation($id: ID!, $countdown: Float) {{
  runScheduledTask(id: $id, countdown: $countdown) {{ task {{ id status eta }} {ERRORS} }}
}}
"""
SCHEDULED = "id cron timezone intervalType intervalCount intervalSeconds"
CREATE = f"""
mutation($input: ScheduledTaskCreateInput!) {{
  createScheduledTask(input: $input) {{ scheduledTask {{ {SCHEDULED} }} {ERRORS} }}
}}
"""
UPDATE = f"""
mutation($id: ID!, $input: ScheduledTaskUpdateInput!) {{
  updateScheduledTask(id: $id, input: $input) {{ scheduledTask {{ {SCHEDULED} }} {ERRORS} }}
}}
"""
PREVIEW = """
query($expression: String!, $timezone: String, $count: Int) {
  cronPreview(expression: $expression, timezone: $timezone, count: $count) { nextRuns error }
}
"""


def _waiting(status: str = MessageLog.DELAYED, **later: float) -> MessageLog:
    """A DELAYED or RETRYING log due ``later`` (timedelta keywords) from now."""
    eta = timezone.now() + datetime.timedelta(**later)
    return make_log(status=status, eta=eta, relay_after=eta)


def _ids(data: dict) -> list[int]:
    return [int(edge["node"]["id"]) for edge in data["tasks"]["edges"]]


def _time(text: str | None) -> datetime.datetime | None:
    return None if text is None else datetime.datetime.fromisoformat(text)


def _statuses(*logs: MessageLog) -> list[str]:
    return [MessageLog.objects.get(pk=log.pk).status for log in logs]


def _error(payload: dict) -> tuple[str | None, str]:
    (error,) = payload["errors"]
    return error["field"], error["code"]


# --- Lists and counts ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_waiting_list_is_soonest_eta_first_and_pages_both_ways(gql):
    later = _waiting(MessageLog.DELAYED, minutes=30)
    soon = _waiting(MessageLog.RETRYING, minutes=1, microseconds=123)
    tied = _waiting(MessageLog.DELAYED, minutes=10, microseconds=456_789)
    tied_too = make_log(status=MessageLog.RETRYING, eta=tied.eta, relay_after=tied.eta)
    for status in (MessageLog.PUBLISHED, MessageLog.FAILED, MessageLog.CANCELLED, MessageLog.COMPLETED):
        make_log(status=status, eta=timezone.now())
    expected = [soon.pk, tied.pk, tied_too.pk, later.pk]
    seen, after = [], None
    for _ in expected:
        data = gql(PAGE, {"filter": {"status": "WAITING"}, "first": 1, "after": after})
        seen += _ids(data)
        info = data["tasks"]["pageInfo"]
        after = info["endCursor"]
    assert seen == expected and info["hasNextPage"] is False
    back = gql(PAGE, {"filter": {"status": "WAITING"}, "last": 2, "before": info["startCursor"]})
    assert _ids(back) == expected[1:3]
    assert back["tasks"]["pageInfo"]["hasPreviousPage"] is True
    assert back["tasks"]["pageInfo"]["hasNextPage"] is True
    assert _ids(gql(PAGE, {"filter": {"status": "WAITING"}, "last": 10})) == expected
    found = gql(PAGE, {"filter": {"status": "WAITING", "search": tied_too.uuid}})
    assert _ids(found) == [tied_too.pk]


@pytest.mark.django_db
def test_a_cursor_of_another_list_is_refused(gql):
    _waiting(minutes=5)
    make_log(status=MessageLog.FAILED)
    failed_cursor = gql(PAGE, {"filter": {"status": "FAILED"}})["tasks"]["pageInfo"]["endCursor"]
    waiting_cursor = gql(PAGE, {"filter": {"status": "WAITING"}})["tasks"]["pageInfo"]["endCursor"]
    foreign = base64.urlsafe_b64encode(b"1:2").decode()  # the eta and id, not the prefix
    cases = [("WAITING", failed_cursor), ("FAILED", waiting_cursor), ("WAITING", foreign), ("WAITING", "!")]
    for status, cursor in cases:
        body = gql.post(PAGE, {"filter": {"status": status}, "after": cursor}).json()
        (error,) = body["errors"]
        assert "is not a cursor" in error["message"]


@pytest.mark.django_db
def test_the_cancelled_list_and_the_counts_of_the_new_statuses(gql):
    cancelled = [make_log(status=MessageLog.CANCELLED, cancelled_time=timezone.now()) for _ in range(3)]
    _waiting(MessageLog.DELAYED, minutes=1)
    _waiting(MessageLog.DELAYED, minutes=2)
    _waiting(MessageLog.RETRYING, minutes=3)
    make_log(status=MessageLog.PUBLISHED)
    make_log(status=MessageLog.FAILED)
    listed = gql(PAGE, {"filter": {"status": "CANCELLED"}})
    assert _ids(listed) == [log.pk for log in reversed(cancelled)]
    assert {edge["node"]["status"] for edge in listed["tasks"]["edges"]} == {"CANCELLED"}
    counts = gql("{ taskCounts { queued published waiting delayed retrying failed completed cancelled } }")
    assert counts["taskCounts"] == {
        "queued": 1,
        "published": 1,
        "waiting": 3,
        "delayed": 2,
        "retrying": 1,
        "failed": 1,
        "completed": 0,
        "cancelled": 3,
    }


# --- A task's lifecycle fields ------------------------------------------------------------------

HISTORY = [
    {
        "attempt": 1,
        "started": "2026-01-01T10:00:00+00:00",
        "ended": "2026-01-01T10:00:01.500000+00:00",
        "worker": "host:1:t1",
        "exception": "ValueError: one",
        "traceback": "Traceback (most recent call last): one",
        "retry_at": "2026-01-01T10:00:06+00:00",
    },
    {
        "attempt": 2,
        "started": "2026-01-01T10:00:06+00:00",
        "ended": "2026-01-01T10:00:07+00:00",
        "worker": "host:1:t2",
        "exception": "ValueError: two",
        "traceback": "Traceback (most recent call last): two",
        "retry_at": None,
    },
]


@pytest.mark.django_db
def test_a_task_shows_its_retries_eta_and_every_failed_attempt(gql):
    eta = timezone.now() + datetime.timedelta(minutes=3)
    log = make_log(status=MessageLog.RETRYING, eta=eta, retries=2, attempts=2, max_retries=5, history=HISTORY)
    task = gql(TASK, {"id": str(log.pk)})["task"]
    assert task["status"] == "RETRYING"
    assert _time(task["eta"]) == eta
    assert (task["retries"], task["attempts"], task["maxRetries"]) == (2, 2, 5)
    assert task["cancelledTime"] is None
    first, second = task["attemptHistory"]
    assert first == {
        "attempt": 1,
        "started": "2026-01-01T10:00:00+00:00",
        "ended": "2026-01-01T10:00:01.500000+00:00",
        "worker": "host:1:t1",
        "exception": "ValueError: one",
        "traceback": "Traceback (most recent call last): one",
        "retryAt": "2026-01-01T10:00:06+00:00",
    }
    assert (second["attempt"], second["exception"], second["retryAt"]) == (2, "ValueError: two", None)


@pytest.mark.django_db
def test_an_unreadable_history_entry_is_shown_empty_and_junk_is_skipped(gql):
    history = [{"attempt": "x", "started": "not a time", "worker": None}, "junk", 7, HISTORY[0]]
    log = make_log(status=MessageLog.FAILED, history=history)
    attempts = gql(TASK, {"id": str(log.pk)})["task"]["attemptHistory"]
    assert attempts[0] == {
        "attempt": 0,
        "started": None,
        "ended": None,
        "worker": "",
        "exception": "",
        "traceback": "",
        "retryAt": None,
    }
    assert [a["attempt"] for a in attempts] == [0, 1]


@pytest.mark.django_db
def test_max_retries_and_time_limit_are_the_effective_ones(gql, settings, monkeypatch):
    """The call's, else the task's @task options (its module imported by discovery), else the settings'."""
    module = "tests.api.lifecycle_tasks"
    path = f"{module}.patient"
    monkeypatch.delitem(sys.modules, module, raising=False)
    monkeypatch.delitem(registry._declared, path, raising=False)
    settings.CARROT = {
        **settings.CARROT,
        "task_modules": [*settings.CARROT["task_modules"], module],
        "max_retries": 2,
        "time_limit": 30,
    }
    decorated = make_log(task=path)
    per_call = make_log(task=path, max_retries=7)
    unregistered = make_log(task="gone.module.task")
    shown = {log.pk: gql(TASK, {"id": str(log.pk)})["task"] for log in (decorated, per_call, unregistered)}
    assert (shown[decorated.pk]["maxRetries"], shown[decorated.pk]["timeLimit"]) == (4, 2.5)
    assert (shown[per_call.pk]["maxRetries"], shown[per_call.pk]["timeLimit"]) == (7, 2.5)
    assert (shown[unregistered.pk]["maxRetries"], shown[unregistered.pk]["timeLimit"]) == (2, 30.0)
    settings.CARROT = {**settings.CARROT, "time_limit": None}
    assert gql(TASK, {"id": str(unregistered.pk)})["task"]["timeLimit"] is None


@pytest.mark.django_db
def test_the_attempt_history_counts_in_the_query_cost(gql):
    history = "attemptHistory { attempt started ended worker exception traceback retryAt }"
    response = gql.post(
        f"{{ tasks(filter: {{status: FAILED}}, first: 50) {{ edges {{ node {{ {history} }} }} }} }}"
    )
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    log = make_log(status=MessageLog.FAILED, history=HISTORY)
    assert len(gql(f'{{ task(id: "{log.pk}") {{ {history} }} }}')["task"]["attemptHistory"]) == 2


# --- cancelTasks and runWaitingNow ----------------------------------------------------------------


@pytest.mark.django_db
def test_cancel_by_ids_cancels_what_has_not_run_and_skips_the_rest(gql):
    delayed, retrying = _waiting(minutes=5), _waiting(MessageLog.RETRYING, minutes=5)
    published = make_log(status=MessageLog.PUBLISHED)
    failed, completed = make_log(status=MessageLog.FAILED), make_log(status=MessageLog.COMPLETED)
    ids = [str(log.pk) for log in (delayed, retrying, failed, completed)] + [published.uuid]
    result = gql(CANCEL, {"ids": ids})["cancelTasks"]
    assert result == {"count": 3, "errors": []}
    assert _statuses(delayed, retrying, published, failed, completed) == [
        MessageLog.CANCELLED,
        MessageLog.CANCELLED,
        MessageLog.CANCELLED,
        MessageLog.FAILED,
        MessageLog.COMPLETED,
    ]
    task = gql(TASK, {"id": str(delayed.pk)})["task"]
    assert abs(_time(task["cancelledTime"]) - timezone.now()) < datetime.timedelta(seconds=5)
    entry = AuditEntry.objects.get()
    assert (entry.mutation, entry.outcome, entry.rows, entry.messages) == ("cancelTasks", "SUCCESS", 3, 0)


@pytest.mark.django_db
def test_cancelling_a_running_task_asks_it_to_stop_once(gql):
    running = make_log(status=MessageLog.IN_PROGRESS)
    assert gql(CANCEL, {"filter": {"status": "QUEUED"}})["cancelTasks"] == {"count": 1, "errors": []}
    running.refresh_from_db()
    assert running.status == MessageLog.IN_PROGRESS and running.cancelled_time is not None
    asked = running.cancelled_time
    assert gql(CANCEL, {"ids": [str(running.pk)]})["cancelTasks"] == {"count": 0, "errors": []}
    running.refresh_from_db()
    assert running.cancelled_time == asked


@pytest.mark.django_db
def test_cancel_by_filter_takes_every_matching_waiting_task(gql):
    mine = [_waiting(minutes=5, seconds=n) for n in range(3)]
    mine[0].queue = "other"
    mine[0].save()
    other_queue = mine.pop(0)
    published = make_log(status=MessageLog.PUBLISHED)
    result = gql(CANCEL, {"filter": {"status": "WAITING", "queue": "default"}})["cancelTasks"]
    assert result == {"count": 2, "errors": []}
    assert _statuses(*mine, other_queue, published) == [
        MessageLog.CANCELLED,
        MessageLog.CANCELLED,
        MessageLog.DELAYED,
        MessageLog.PUBLISHED,
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "mutation, name", [(CANCEL, "cancelTasks"), (RUN_NOW, "runWaitingNow")], ids=["cancel", "run now"]
)
def test_a_list_the_mutation_cannot_act_on_is_a_field_error_and_changes_nothing(gql, mutation, name):
    waiting = _waiting(minutes=5)
    make_log(status=MessageLog.FAILED)
    before = list(MessageLog.objects.order_by("pk").values())
    refused = gql(mutation, {"filter": {"status": "FAILED"}})[name]
    assert refused["count"] == 0 and _error(refused) == ("filter.status", "INVALID_STATUS")
    neither = gql(mutation, {})[name]
    assert neither["count"] == 0 and _error(neither) == (None, "REQUIRED")
    both = gql(mutation, {"ids": [str(waiting.pk)], "filter": {"status": "WAITING"}})[name]
    assert both["count"] == 0 and _error(both) == (None, "REQUIRED")
    assert list(MessageLog.objects.order_by("pk").values()) == before
    assert set(AuditEntry.objects.values_list("outcome", flat=True)) == {AuditEntry.ERROR}


@pytest.mark.django_db
def test_run_waiting_now_makes_delayed_and_retrying_tasks_due(gql):
    delayed, retrying = _waiting(hours=1), _waiting(MessageLog.RETRYING, hours=2)
    published = make_log(status=MessageLog.PUBLISHED)
    started = timezone.now()
    result = gql(RUN_NOW, {"ids": [str(delayed.pk), retrying.uuid, str(published.pk)]})["runWaitingNow"]
    assert result == {"count": 2, "errors": []}
    for log in (delayed, retrying):
        log.refresh_from_db()
        assert started <= log.eta <= timezone.now() and log.relay_after == log.eta
        assert log.status in MessageLog.WAITING_STATUSES  # the relay publishes it
    published.refresh_from_db()
    assert published.eta is None
    by_filter = gql(RUN_NOW, {"filter": {"status": "WAITING"}})["runWaitingNow"]
    assert by_filter == {"count": 2, "errors": []}
    entry = AuditEntry.objects.order_by("pk").first()
    assert (entry.mutation, entry.outcome, entry.rows, entry.messages) == ("runWaitingNow", "SUCCESS", 2, 2)


@pytest.mark.django_db(transaction=True)
def test_a_delayed_task_run_now_runs_and_a_cancelled_one_never_does(gql, service):
    run = gql(PUBLISH, {"input": {"task": "tests.tasks.echo", "args": "1", "countdown": 3600}})
    kept = gql(PUBLISH, {"input": {"task": "tests.tasks.echo", "args": "2", "countdown": 3600}})
    run_id, kept_id = run["publishTask"]["task"]["id"], kept["publishTask"]["task"]["id"]
    assert gql(CANCEL, {"ids": [kept_id]})["cancelTasks"]["count"] == 1
    assert gql(RUN_NOW, {"ids": [run_id, kept_id]})["runWaitingNow"] == {"count": 1, "errors": []}
    done = MessageLog.objects.filter(pk=run_id, status=MessageLog.COMPLETED)
    wait_for(done.exists, 5, "the task to run within the relay's next looks")
    assert MessageLog.objects.get(pk=kept_id).status == MessageLog.CANCELLED


# --- publishTask and runScheduledTask later -----------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_publish_with_a_countdown_stores_a_delayed_task_and_sends_nothing(gql, purge_queues):
    result = gql(PUBLISH, {"input": {"task": "tests.tasks.noop", "countdown": 600, "maxRetries": 3}})
    task = result["publishTask"]["task"]
    assert result["publishTask"]["errors"] == []
    assert (task["status"], task["maxRetries"]) == ("DELAYED", 3)
    due = timezone.now() + datetime.timedelta(seconds=600)
    assert abs(_time(task["eta"]) - due) < datetime.timedelta(seconds=5)
    assert depth() == 0
    at = timezone.now() + datetime.timedelta(days=1, microseconds=5)
    later = gql(PUBLISH, {"input": {"task": "tests.tasks.noop", "eta": at.isoformat()}})["publishTask"]
    assert later["task"]["status"] == "DELAYED" and _time(later["task"]["eta"]) == at
    assert depth() == 0
    past = (timezone.now() - datetime.timedelta(hours=1)).isoformat()
    now = gql(PUBLISH, {"input": {"task": "tests.tasks.noop", "eta": past}})["publishTask"]
    assert now["task"]["status"] == "PUBLISHED" and now["errors"] == []
    assert take() is not None


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "fields, field",
    [
        ({"countdown": -1}, "countdown"),
        ({"eta": "2030-01-01T02:00:00"}, "eta"),
        ({"eta": "2030-01-01T02:00:00+01:00", "countdown": 5}, "eta"),
        ({"maxRetries": -1}, "maxRetries"),
        ({"maxRetries": 1001}, "maxRetries"),
    ],
    ids=["negative countdown", "naive eta", "countdown and eta", "negative maxRetries", "maxRetries over"],
)
def test_bad_timing_input_is_a_field_error_and_stores_nothing(gql, purge_queues, fields, field):
    result = gql(PUBLISH, {"input": {"task": "tests.tasks.noop", **fields}})["publishTask"]
    assert result["task"] is None
    assert _error(result) == (field, "INVALID")
    assert MessageLog.objects.count() == 0 and depth() == 0
    assert AuditEntry.objects.get().outcome == AuditEntry.ERROR


@pytest.mark.django_db(transaction=True)
def test_run_a_scheduled_task_later_or_refuse_a_negative_countdown(gql, purge_queues):
    scheduled = ScheduledTask.objects.create(task="tests.tasks.noop", task_name="nightly", interval_count=5)
    refused = gql(RUN_SCHEDULED, {"id": str(scheduled.pk), "countdown": -0.5})["runScheduledTask"]
    assert refused["task"] is None and _error(refused) == ("countdown", "INVALID")
    assert MessageLog.objects.count() == 0 and depth() == 0
    later = gql(RUN_SCHEDULED, {"id": str(scheduled.pk), "countdown": 120})["runScheduledTask"]
    assert later["errors"] == [] and later["task"]["status"] == "DELAYED"
    assert _time(later["task"]["eta"]) > timezone.now() + datetime.timedelta(seconds=100)
    assert depth() == 0
    now = gql(RUN_SCHEDULED, {"id": str(scheduled.pk)})["runScheduledTask"]
    assert now["errors"] == [] and now["task"]["status"] == "PUBLISHED"
    assert take() is not None


# --- Requeue and delete of the new statuses -----------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_cancelled_task_can_be_requeued_and_deleted_a_waiting_one_not_deleted(gql, purge_queues):
    cancelled = make_log(status=MessageLog.CANCELLED, cancelled_time=timezone.now())
    requeue = (
        f'mutation {{ requeueTask(id: "{cancelled.pk}") {{ task {{ status cancelledTime }} {ERRORS} }} }}'
    )
    requeued = {"task": {"status": "PUBLISHED", "cancelledTime": None}, "errors": []}
    assert gql(requeue)["requeueTask"] == requeued
    assert take()[0].message_id == cancelled.uuid
    waiting = _waiting(minutes=5)
    delete = f'mutation {{ deleteTask(id: "{waiting.pk}") {{ deletedId {ERRORS} }} }}'
    refused = gql(delete)["deleteTask"]
    assert (
        _error(refused) == ("id", "INVALID_STATUS") and "cancel it first" in refused["errors"][0]["message"]
    )
    assert MessageLog.objects.filter(pk=waiting.pk).exists()
    gone = make_log(status=MessageLog.CANCELLED)
    bulk = f"mutation {{ deleteTasks(filter: {{status: CANCELLED}}) {{ count {ERRORS} }} }}"
    assert gql(bulk)["deleteTasks"] == {"count": 1, "errors": []}
    assert not MessageLog.objects.filter(pk=gone.pk).exists()


# --- Cron schedules -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_cron_schedule_in_a_time_zone_needs_no_interval(gql):
    result = gql(
        CREATE, {"input": {"task": "tests.tasks.noop", "cron": " 0 2 * * 1-5 ", "timezone": "Europe/Paris"}}
    )["createScheduledTask"]
    assert result["errors"] == []
    assert (result["scheduledTask"]["cron"], result["scheduledTask"]["timezone"]) == (
        "0 2 * * 1-5",
        "Europe/Paris",
    )
    stored = ScheduledTask.objects.get()
    assert (stored.cron, stored.timezone) == ("0 2 * * 1-5", "Europe/Paris")


@pytest.mark.django_db
@pytest.mark.parametrize("spread", [0, 30])
def test_a_cron_schedule_runs_next_at_its_first_slot_as_previewed(gql, settings, spread):
    settings.CARROT = {**settings.CARROT, "scheduler_spread_seconds": spread}
    fields = {"task": "tests.tasks.noop", "cron": "15 3 * * *", "timezone": "America/New_York"}
    created = gql(CREATE.replace("cron timezone", "cron timezone nextRunAt"), {"input": fields})
    next_run = _time(created["createScheduledTask"]["scheduledTask"]["nextRunAt"])
    preview = gql(PREVIEW, {"expression": "15 3 * * *", "timezone": "America/New_York", "count": 1})
    (slot,) = [_time(text) for text in preview["cronPreview"]["nextRuns"]]
    pk = ScheduledTask.objects.get().pk
    assert next_run == slot + scheduler.spread(pk, scheduler.SPREAD_FROM)  # a cron task's cadence
    assert (next_run == slot) is (spread == 0)


@pytest.mark.django_db
def test_an_interval_schedule_is_unchanged(gql):
    fields = {"task": "tests.tasks.noop", "intervalType": "MINUTES", "intervalCount": 5}
    created = gql(CREATE, {"input": fields})["createScheduledTask"]["scheduledTask"]
    assert created["cron"] == "" and created["timezone"] == "UTC" and created["intervalSeconds"] == 300


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields, field, code",
    [
        ({"cron": "61 * * * *"}, "cron", "INVALID"),
        ({"cron": "0 2 * *"}, "cron", "INVALID"),
        ({"cron": "0 2 * * *", "timezone": "Mars/Olympus"}, "timezone", "INVALID"),
        ({"intervalType": "MINUTES", "intervalCount": 5, "timezone": "Nowhere"}, "timezone", "INVALID"),
        ({}, "intervalCount", "REQUIRED"),
        ({"cron": ""}, "intervalCount", "REQUIRED"),
    ],
    ids=["bad minute", "four fields", "unknown zone", "unknown zone on an interval", "no schedule", "empty"],
)
def test_a_bad_schedule_is_a_field_error_and_nothing_is_stored(gql, fields, field, code):
    result = gql(CREATE, {"input": {"task": "tests.tasks.noop", **fields}})["createScheduledTask"]
    assert result["scheduledTask"] is None
    assert _error(result) == (field, code)
    assert ScheduledTask.objects.count() == 0


@pytest.mark.django_db
def test_editing_a_schedule_checks_the_cron_and_zone_it_makes(gql):
    scheduled = ScheduledTask.objects.create(task="tests.tasks.noop", task_name="every 5", interval_count=5)
    id = str(scheduled.pk)
    to_cron = gql(UPDATE, {"id": id, "input": {"cron": "30 6 * * *", "timezone": "Asia/Tokyo"}})
    assert to_cron["updateScheduledTask"]["errors"] == []
    for bad, field in (({"timezone": "Asia/Nowhere"}, "timezone"), ({"cron": "30 25 * * *"}, "cron")):
        refused = gql(UPDATE, {"id": id, "input": bad})["updateScheduledTask"]
        assert refused["errors"][0]["field"] == field
    no_interval = gql(UPDATE, {"id": id, "input": {"cron": ""}})["updateScheduledTask"]
    assert _error(no_interval) == ("intervalCount", "REQUIRED")
    scheduled.refresh_from_db()
    assert (scheduled.cron, scheduled.timezone) == ("30 6 * * *", "Asia/Tokyo")
    back = {"cron": "", "intervalType": "HOURS", "intervalCount": 2}
    result = gql(UPDATE, {"id": id, "input": back})["updateScheduledTask"]
    assert result["errors"] == [] and result["scheduledTask"]["cron"] == ""
    assert result["scheduledTask"]["intervalSeconds"] == 7200


@pytest.mark.django_db
def test_cron_preview_gives_the_next_runs_in_the_zone(gql):
    runs = gql(PREVIEW, {"expression": "0 2 * * *", "timezone": "Europe/Paris"})["cronPreview"]
    assert runs["error"] is None
    times = [_time(text) for text in runs["nextRuns"]]
    assert len(times) == 5 and times == sorted(times) and times[0] > timezone.now()
    paris = datetime.timedelta(hours=1), datetime.timedelta(hours=2)
    assert all((t.hour, t.minute) == (2, 0) and t.utcoffset() in paris for t in times)
    utc = gql(PREVIEW, {"expression": "30 4 * * *", "count": 3})["cronPreview"]["nextRuns"]
    assert [(_time(t).hour, _time(t).utcoffset()) for t in utc] == [(4, datetime.timedelta(0))] * 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    "expression, zone, says",
    [
        ("61 * * * *", "UTC", "Invalid cron expression"),
        ("", "UTC", "A cron expression is required"),
        ("0 2 * * *", "Mars/Olympus", "Unknown time zone"),
    ],
)
def test_cron_preview_says_what_is_wrong(gql, expression, zone, says):
    preview = gql(PREVIEW, {"expression": expression, "timezone": zone})["cronPreview"]
    assert preview["nextRuns"] == [] and says in preview["error"]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [0, 51])
def test_cron_preview_refuses_a_count_out_of_range(gql, count):
    body = gql.post(PREVIEW, {"expression": "0 2 * * *", "count": count}).json()
    (error,) = body["errors"]
    assert "`count` must be from 1 to 50" in error["message"]


@pytest.mark.django_db
def test_a_viewer_may_preview_a_cron_expression_but_not_cancel_or_run_now(gql, settings):
    settings.CARROT = {**settings.CARROT, "anonymous_role": "viewer"}
    waiting = _waiting(minutes=5)
    assert gql(PREVIEW, {"expression": "0 2 * * *"})["cronPreview"]["error"] is None
    for mutation, name in ((CANCEL, "cancelTasks"), (RUN_NOW, "runWaitingNow")):
        refused = gql(mutation, {"ids": [str(waiting.pk)]})[name]
        assert (
            _error(refused) == (None, "FORBIDDEN")
            and "carrot.change_messagelog" in refused["errors"][0]["message"]
        )
    waiting.refresh_from_db()
    assert waiting.status == MessageLog.DELAYED and waiting.eta > timezone.now()
