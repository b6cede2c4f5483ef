"""The audit log over HTTP: what an entry records, how errors are recorded, the query, retention.

Which mutations write an entry, with which user, outcome and counts, for every role: test_roles.py.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.db import DatabaseError
from django.test import modify_settings
from django.urls import path
from django.utils import timezone

from carrot import audit
from carrot.conf import get_settings
from carrot.models import AuditEntry, MessageLog, ScheduledTask
from carrot.permissions import Caller
from carrot.service import _RetentionThread
from tests.api.conftest import make_log
from tests.conftest import wait_for

pytestmark = pytest.mark.django_db

ERRORS = "errors { field message code }"


def failed(**fields: Any) -> MessageLog:
    return make_log(**{"status": MessageLog.FAILED, "exception": "ValueError: boom", **fields})


def test_an_entry_records_the_filter_as_sent_and_how_many_rows_it_changed(gql):
    for queue in ("other", "other", "default"):
        failed(queue=queue)
    query = f"""mutation {{ deleteTasks(filter: {{status: FAILED, queue: "other"}}) {{ count {ERRORS} }} }}"""
    assert gql(query)["deleteTasks"] == {"count": 2, "errors": []}
    entry = AuditEntry.objects.get()
    assert entry.mutation == "deleteTasks" and entry.outcome == AuditEntry.SUCCESS
    assert entry.arguments == {"filter": {"status": "FAILED", "queue": "other"}}
    assert (entry.rows, entry.messages, entry.error) == (2, 0, "")
    assert (entry.username, entry.via, entry.address) == ("", "none", "127.0.0.1")
    assert timezone.now() - entry.time < datetime.timedelta(seconds=30)


@pytest.mark.parametrize(("remote_addr", "recorded"), [("::1", "::1"), ("", None), ("unix:/run/x", None)])
def test_the_address_is_recorded_when_it_is_one(gql, remote_addr, recorded):
    query = f'mutation {{ deleteTask(id: "9999") {{ {ERRORS} }} }}'
    assert gql.post(query, REMOTE_ADDR=remote_addr).status_code == 200
    assert AuditEntry.objects.get().address == recorded


def test_a_refusal_in_the_payload_is_recorded_as_an_error(gql):
    done = make_log(status=MessageLog.COMPLETED)
    query = f"mutation($id: ID!) {{ requeueTask(id: $id) {{ {ERRORS} }} }}"
    (error,) = gql(query, {"id": str(done.pk)})["requeueTask"]["errors"]
    entry = AuditEntry.objects.get()
    assert (entry.outcome, entry.rows, entry.messages) == (AuditEntry.ERROR, 0, 0)
    assert entry.error == error["message"] and "Only failed, cancelled and orphaned tasks" in entry.error


def test_a_mutation_that_raises_is_recorded_and_still_answers_an_internal_error(gql, monkeypatch):
    scheduled = ScheduledTask.objects.create(task="tests.tasks.noop", task_name="n")

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(ScheduledTask, "delete", broken)
    query = f"mutation($id: ID!) {{ deleteScheduledTask(id: $id) {{ deletedId {ERRORS} }} }}"
    response = gql.post(query, {"id": str(scheduled.pk)})
    assert response.json()["errors"][0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    entry = AuditEntry.objects.get()
    assert (entry.mutation, entry.outcome) == ("deleteScheduledTask", AuditEntry.ERROR)
    assert "RuntimeError" in entry.error and "secret" not in entry.error
    assert entry.arguments == {"id": str(scheduled.pk)}


def test_a_failed_audit_write_is_logged_and_the_mutation_still_succeeds(gql, monkeypatch, caplog):
    log = failed()

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise DatabaseError("disk full")

    monkeypatch.setattr(AuditEntry, "save", refuse)
    query = f"mutation($id: ID!) {{ deleteTask(id: $id) {{ deletedId {ERRORS} }} }}"
    assert gql(query, {"id": str(log.pk)})["deleteTask"] == {"deletedId": str(log.pk), "errors": []}
    assert not MessageLog.objects.filter(pk=log.pk).exists()
    assert "Could not write the audit entry of deleteTask (SUCCESS)" in caplog.text


def test_long_arguments_are_cut_to_a_bounded_entry(gql):
    ids = [str(n) for n in range(1000, 2000)]
    gql(f"mutation($ids: [ID!]) {{ requeueTasks(ids: $ids) {{ count {ERRORS} }} }}", {"ids": ids})
    kwargs = json.dumps({"text": "x" * 5000})
    query = f"mutation($input: PublishTaskInput!) {{ publishTask(input: $input) {{ {ERRORS} }} }}"
    gql(query, {"input": {"task": "tests.tasks.unknown", "kwargs": kwargs}})
    bulk, publish = AuditEntry.objects.order_by("id")
    assert bulk.arguments["ids"] == [*ids[: audit.MAX_ITEMS], f"... {1000 - audit.MAX_ITEMS} more"]
    recorded = publish.arguments["input"]["kwargs"]
    assert recorded == f"{kwargs[: audit.MAX_TEXT]}... ({len(kwargs)} characters)"
    assert publish.arguments["input"]["task"] == "tests.tasks.unknown"
    assert all(len(json.dumps(entry.arguments)) < 10_000 for entry in (bulk, publish))


# --- The auditLog query -------------------------------------------------------------------------

LOG = """
query($first: Int, $after: String, $mutation: String, $username: String, $outcome: AuditOutcome) {
  auditLog(first: $first, after: $after, mutation: $mutation, username: $username, outcome: $outcome) {
    edges { cursor node { id time username via address mutation arguments outcome rows messages error } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""


class _User:
    def __init__(self, username: str) -> None:
        self.username = username
        self.is_authenticated = bool(username)

    def get_username(self) -> str:
        return self.username


def _entries() -> list[AuditEntry]:
    """Five entries, oldest first."""
    made = [
        (Caller(_User("ann"), "session", "10.0.0.1"), "purgeQueue", {"name": "default"}, "SUCCESS", 0, 7, ""),
        (Caller(_User(""), "none", None), "deleteTask", {"id": "3"}, "FORBIDDEN", 0, 0, "no"),
        (Caller(_User("bob"), "token", "10.0.0.2"), "deleteTask", {"id": "4"}, "SUCCESS", 1, 0, ""),
        (Caller(_User("ann"), "session", "10.0.0.1"), "requeueTask", {"id": "5"}, "ERROR", 0, 0, "bad"),
        (Caller(_User("ann"), "session", "::1"), "deleteTask", {"id": "6"}, "SUCCESS", 1, 0, ""),
    ]
    entries = [audit.record(*values) for values in made]
    assert all(entries)
    return entries  # type: ignore[return-value]


def _ids(data: dict[str, Any]) -> list[int]:
    return [int(edge["node"]["id"]) for edge in data["auditLog"]["edges"]]


def test_the_log_pages_newest_first(gql):
    entries = _entries()
    newest_first = [entry.pk for entry in reversed(entries)]
    first = gql(LOG, {"first": 2})
    assert _ids(first) == newest_first[:2]
    info = first["auditLog"]["pageInfo"]
    assert info["hasNextPage"] is True and info["hasPreviousPage"] is False
    rest = gql(LOG, {"first": 200, "after": info["endCursor"]})
    assert _ids(rest) == newest_first[2:]
    assert rest["auditLog"]["pageInfo"]["hasNextPage"] is False
    assert rest["auditLog"]["pageInfo"]["hasPreviousPage"] is True
    assert _ids(gql(LOG)) == newest_first  # default page of 50


def test_an_entry_as_the_api_shows_it(gql):
    _entries()
    edges = gql(LOG, {"first": 5})["auditLog"]["edges"]
    anonymous = edges[3]["node"]
    assert anonymous["username"] is None and anonymous["via"] == "none" and anonymous["address"] is None
    assert anonymous["outcome"] == "FORBIDDEN" and anonymous["error"] == "no"
    purge = edges[4]["node"]
    assert {key: purge[key] for key in ("username", "via", "address", "mutation", "arguments")} == {
        "username": "ann",
        "via": "session",
        "address": "10.0.0.1",
        "mutation": "purgeQueue",
        "arguments": {"name": "default"},
    }
    assert (purge["rows"], purge["messages"], purge["error"], purge["outcome"]) == (0, 7, None, "SUCCESS")
    assert datetime.datetime.fromisoformat(purge["time"]) <= timezone.now()


def test_the_log_filters_by_mutation_user_and_outcome(gql):
    e = _entries()
    assert _ids(gql(LOG, {"mutation": "deleteTask"})) == [e[4].pk, e[2].pk, e[1].pk]
    assert _ids(gql(LOG, {"username": "ann"})) == [e[4].pk, e[3].pk, e[0].pk]
    assert _ids(gql(LOG, {"username": ""})) == [e[1].pk]
    assert _ids(gql(LOG, {"outcome": "ERROR"})) == [e[3].pk]
    assert _ids(gql(LOG, {"mutation": "deleteTask", "username": "ann", "outcome": "SUCCESS"})) == [e[4].pk]


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"first": 0}, "`first` must be from 1 to 200, got 0."),
        ({"first": 201}, "`first` must be from 1 to 200, got 201."),
        ({"after": "bm90IGEgY3Vyc29y"}, "is not an audit log cursor returned by this API"),
    ],
)
def test_bad_page_arguments_are_graphql_errors(gql, variables, message):
    result = gql.post(LOG, variables).json()
    assert message in result["errors"][0]["message"] and result["data"] is None


# --- Retention ------------------------------------------------------------------------------------


def _aged(days: float) -> AuditEntry:
    caller = Caller(_User("ann"), "session", None)
    entry = audit.record(caller, "deleteTask", {}, "SUCCESS")
    assert entry is not None
    AuditEntry.objects.filter(pk=entry.pk).update(time=timezone.now() - datetime.timedelta(days=days))
    return entry


def test_entries_older_than_the_retention_are_deleted_in_batches():
    kept = [_aged(1), _aged(89)]
    for _ in range(25):
        _aged(91)
    assert audit.delete_expired_entries(90, batch=10) == 25
    assert sorted(AuditEntry.objects.values_list("pk", flat=True)) == [entry.pk for entry in kept]
    assert audit.delete_expired_entries(0) == 0  # 0 keeps the log forever
    _aged(10_000)
    assert audit.delete_expired_entries(0) == 0 and AuditEntry.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_the_service_prunes_the_audit_log_with_the_completed_logs(settings):
    settings.CARROT = {**settings.CARROT, "audit_log_retention_days": 30, "completed_log_retention_days": 3}
    young, old = _aged(29), _aged(31)
    done = make_log(completion_time=timezone.now() - datetime.timedelta(days=4))
    thread = _RetentionThread(get_settings())
    thread.start()
    try:
        wait_for(lambda: not AuditEntry.objects.filter(pk=old.pk).exists(), what="the old entry deleted")
        wait_for(lambda: not MessageLog.objects.filter(pk=done.pk).exists(), what="the old log deleted")
    finally:
        thread.stop()
        thread.join()
    assert AuditEntry.objects.filter(pk=young.pk).exists()


# --- The Django admin -----------------------------------------------------------------------------

urlpatterns: list[Any] = []
"""The admin's URLs, set by the admin test (this module is its ROOT_URLCONF)."""
ADMIN_TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]


@modify_settings(INSTALLED_APPS={"append": ["django.contrib.admin", "django.contrib.messages"]})
def test_the_admin_lists_the_log_read_only_with_filters_and_search(admin_client, settings):
    from django.contrib import admin

    urlpatterns[:] = [path("admin/", admin.site.urls)]
    settings.ROOT_URLCONF = __name__
    settings.TEMPLATES = ADMIN_TEMPLATES
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "django.contrib.messages.middleware.MessageMiddleware"]
    entries = _entries()
    changelist = "/admin/carrot/auditentry/"

    def listed(query: str = "") -> str:
        response = admin_client.get(f"{changelist}{query}")
        assert response.status_code == 200
        return response.content.decode()

    everything = listed()
    assert "5 audit entries" in everything and "bob" in everything and "purgeQueue" in everything
    assert "By outcome" in everything and "By mutation" in everything  # the filters offered
    assert "1 audit entry" in listed("?outcome__exact=ERROR")
    assert "3 audit entries" in listed("?mutation__exact=deleteTask")
    only_bob = listed("?q=bob")
    assert "1 audit entry" in only_bob and "ann" not in only_bob.split("result_list")[-1]
    entry = f"{changelist}{entries[0].pk}/change/"
    assert admin_client.get(f"{changelist}add/").status_code == 403
    assert admin_client.get(entry).status_code == 200  # shown, read-only
    assert admin_client.post(entry, {"username": "mallory"}).status_code == 403
    assert admin_client.post(f"{changelist}{entries[0].pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.get(pk=entries[0].pk).username == "ann" and AuditEntry.objects.count() == 5
