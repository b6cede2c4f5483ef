"""Roles over HTTP: every mutation and query field for every kind of caller, against the real broker.

Callers: users in the groups ``manage.py carrot_roles`` creates (by session and by JSON Web Token), a
superuser, a user without permissions, and anonymous users of a public monitor with each
``anonymous_role``. An allowed mutation does its work; a refused one answers FORBIDDEN and changes
nothing (database rows and queue depth compared before and after); each writes its audit entry.
"""

from __future__ import annotations

import datetime
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import graphene
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from carrot import publishing
from carrot.conf import ROLES
from carrot.models import AuditEntry, MessageLog, QueuePause, ScheduledTask, Worker
from carrot.permissions import ROLE_ACTIONS, ROLE_GROUPS, Action
from carrot.schema import schema
from carrot.schema.core.permissions import OPEN_QUERIES, QUERY_ACTIONS
from carrot.schema.core.types import BaseMutation
from tests.api.conftest import API, AUTH, depth, make_log

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse"
VIEW = ROLE_ACTIONS["viewer"]
EVERYTHING = frozenset(Action)


@dataclass(frozen=True)
class Caller:
    """One kind of caller: what it may do, how it signs in, and its user (a role's group or none)."""

    name: str
    allowed: frozenset[Action]
    via: str
    username: str = ""
    group: str | None = None
    anonymous_role: str | None = "operator"
    """Signed-in callers keep what they have whatever anonymous users may do."""


CALLERS = [
    Caller("viewer", VIEW, "session", "viewer", ROLE_GROUPS["viewer"]),
    Caller("operator", EVERYTHING, "session", "operator", ROLE_GROUPS["operator"]),
    Caller("superuser", EVERYTHING, "session", "root"),
    Caller("no-permissions", frozenset(), "session", "nobody"),
    Caller("viewer-token", VIEW, "token", "viewer", ROLE_GROUPS["viewer"]),
    Caller("operator-token", EVERYTHING, "token", "operator", ROLE_GROUPS["operator"]),
    Caller("anonymous-viewer", VIEW, "none", anonymous_role="viewer"),
    Caller("anonymous-operator", EVERYTHING, "none", anonymous_role="operator"),
    Caller("anonymous-none", frozenset(), "none", anonymous_role=None),
]


class API_Client:
    """POSTs GraphQL to the API as one caller (a session, a token, or nobody)."""

    def __init__(self, client: Client, headers: dict[str, str]) -> None:
        self.client = client
        self.headers = headers

    def __call__(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        body = json.dumps({"query": query, "variables": variables or {}})
        response = self.client.post(API, body, content_type="application/json", **self.headers)
        assert response.status_code == 200, response.content
        return response.json()


def _user(caller: Caller) -> Any:
    users = get_user_model().objects
    make = users.create_superuser if caller.username == "root" else users.create_user
    user = make(caller.username, f"{caller.username}@example.com", PASSWORD)
    if caller.group is not None:
        user.groups.add(Group.objects.get(name=caller.group))
    return user


def _token(username: str) -> str:
    mutation = (
        "mutation($u: String!, $p: String!) { tokenAuth(username: $u, password: $p) { success token } }"
    )
    body = json.dumps({"query": mutation, "variables": {"u": username, "p": PASSWORD}})
    result = Client().post(AUTH, body, content_type="application/json").json()["data"]["tokenAuth"]
    assert result["success"], result
    return str(result["token"])


@pytest.fixture
def as_caller(settings: Any) -> Callable[[Caller], API_Client]:
    """A client for a caller, with the groups of ``carrot_roles`` and the caller's anonymous role."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; not under test
    call_command("carrot_roles", stdout=io.StringIO())

    def make(caller: Caller) -> API_Client:
        settings.CARROT = {**settings.CARROT, "anonymous_role": caller.anonymous_role}
        client = Client()
        if caller.via == "token":
            _user(caller)
            return API_Client(client, {"HTTP_AUTHORIZATION": f"JWT {_token(caller.username)}"})
        if caller.via == "session":
            client.force_login(_user(caller))
        return API_Client(client, {})

    return make


# --- Mutations: what each needs, does, and records ----------------------------------------------


@dataclass(frozen=True)
class Scenario:
    """One mutation: its document, how to prepare its variables, and what success changes."""

    mutation: str
    action: Action | None
    document: str
    prepare: Callable[[], dict[str, Any]]
    rows: int
    messages: int


def _failed() -> MessageLog:
    return make_log(status=MessageLog.FAILED, exception="ValueError: boom")


def _scheduled() -> ScheduledTask:
    return ScheduledTask.objects.create(task="tests.tasks.noop", task_name="nightly", interval_count=5)


def _pending() -> dict[str, Any]:
    make_log(status=MessageLog.PUBLISHED)
    return {}


def _delayed() -> MessageLog:
    eta = timezone.now() + datetime.timedelta(hours=1)
    return make_log(status=MessageLog.DELAYED, eta=eta, relay_after=eta)


def _worker() -> dict[str, Any]:
    now = timezone.now()
    fields = {"host": "box", "pid": 7, "version": "2", "heartbeat_seconds": 5}
    return {"id": Worker.objects.create(ident="w-1", started=now, heartbeat=now, **fields).ident}


def _waiting_message() -> dict[str, Any]:
    publishing.publish_message("tests.tasks.noop")
    publishing.flush()
    return {"name": "default"}


ERRORS = "errors { field message code }"
SCENARIOS = [
    Scenario(
        "publishTask",
        Action.PUBLISH_TASKS,
        f"mutation($input: PublishTaskInput!) {{ publishTask(input: $input) {{ task {{ id }} {ERRORS} }} }}",
        lambda: {"input": {"task": "tests.tasks.noop", "args": "1, 2"}},
        1,
        1,
    ),
    Scenario(
        "requeueTask",
        Action.REQUEUE_TASKS,
        f"mutation($id: ID!) {{ requeueTask(id: $id) {{ task {{ id }} {ERRORS} }} }}",
        lambda: {"id": str(_failed().pk)},
        1,
        1,
    ),
    Scenario(
        "requeueTasks",
        Action.REQUEUE_TASKS,
        f"mutation($ids: [ID!]) {{ requeueTasks(ids: $ids) {{ count {ERRORS} }} }}",
        lambda: {"ids": [str(_failed().pk), str(_failed().pk)]},
        2,
        2,
    ),
    Scenario(
        "requeuePendingTasks",
        Action.REQUEUE_TASKS,
        f"mutation {{ requeuePendingTasks(olderThanSeconds: 0) {{ count {ERRORS} }} }}",
        _pending,
        1,
        1,
    ),
    Scenario(
        "deleteTask",
        Action.DELETE_TASKS,
        f"mutation($id: ID!) {{ deleteTask(id: $id) {{ deletedId {ERRORS} }} }}",
        lambda: {"id": str(_failed().pk)},
        1,
        0,
    ),
    Scenario(
        "deleteTasks",
        Action.DELETE_TASKS,
        f"mutation($ids: [ID!]) {{ deleteTasks(ids: $ids) {{ count {ERRORS} }} }}",
        lambda: {"ids": [str(_failed().pk), str(_failed().pk)]},
        2,
        0,
    ),
    Scenario(
        "purgeQueue",
        Action.PURGE_QUEUES,
        f"mutation($name: String!) {{ purgeQueue(name: $name) {{ purgedCount {ERRORS} }} }}",
        _waiting_message,
        0,
        1,
    ),
    Scenario(
        "setQueuePaused",
        Action.PAUSE_QUEUES,
        "mutation($name: String!, $paused: Boolean!) { setQueuePaused(name: $name, paused: $paused) "
        f"{{ queue {{ paused }} {ERRORS} }} }}",
        lambda: {"name": "default", "paused": True},
        1,
        0,
    ),
    Scenario(
        "setWorkerQuiet",
        Action.QUIET_WORKERS,
        f"mutation($id: ID!) {{ setWorkerQuiet(id: $id, quiet: true) {{ worker {{ state }} {ERRORS} }} }}",
        _worker,
        1,
        0,
    ),
    Scenario(
        "createScheduledTask",
        Action.ADD_SCHEDULED,
        "mutation($input: ScheduledTaskCreateInput!) { createScheduledTask(input: $input) "
        f"{{ scheduledTask {{ id }} {ERRORS} }} }}",
        lambda: {"input": {"task": "tests.tasks.noop", "intervalType": "MINUTES", "intervalCount": 5}},
        1,
        0,
    ),
    Scenario(
        "updateScheduledTask",
        Action.CHANGE_SCHEDULED,
        "mutation($id: ID!, $input: ScheduledTaskUpdateInput!) { updateScheduledTask(id: $id, input: $input) "
        f"{{ scheduledTask {{ id }} {ERRORS} }} }}",
        lambda: {"id": str(_scheduled().pk), "input": {"intervalCount": 7}},
        1,
        0,
    ),
    Scenario(
        "setScheduledTaskActive",
        Action.CHANGE_SCHEDULED,
        "mutation($id: ID!) { setScheduledTaskActive(id: $id, active: false) "
        f"{{ scheduledTask {{ id }} {ERRORS} }} }}",
        lambda: {"id": str(_scheduled().pk)},
        1,
        0,
    ),
    Scenario(
        "deleteScheduledTask",
        Action.DELETE_SCHEDULED,
        f"mutation($id: ID!) {{ deleteScheduledTask(id: $id) {{ deletedId {ERRORS} }} }}",
        lambda: {"id": str(_scheduled().pk)},
        1,
        0,
    ),
    Scenario(
        "runScheduledTask",
        Action.PUBLISH_TASKS,
        f"mutation($id: ID!) {{ runScheduledTask(id: $id) {{ task {{ id }} {ERRORS} }} }}",
        lambda: {"id": str(_scheduled().pk)},
        1,
        1,
    ),
    Scenario(
        "validateArguments",
        Action.VIEW_TASKS,
        f"mutation {{ validateArguments(args: \"1, 'a'\") {{ args {ERRORS} }} }}",
        dict,
        0,
        0,
    ),
    Scenario(
        "cancelTasks",
        Action.REQUEUE_TASKS,
        f"mutation($ids: [ID!]) {{ cancelTasks(ids: $ids) {{ count {ERRORS} }} }}",
        lambda: {"ids": [str(_delayed().pk)]},
        1,
        0,
    ),
    Scenario(
        "runWaitingNow",
        Action.REQUEUE_TASKS,
        f"mutation($ids: [ID!]) {{ runWaitingNow(ids: $ids) {{ count {ERRORS} }} }}",
        lambda: {"ids": [str(_delayed().pk)]},
        1,
        1,
    ),
]
NOT_AUDITED = {"validateArguments"}


def _within(part: Any, whole: Any) -> bool:
    """``part`` is ``whole``, or a dict whose items are each within ``whole``'s."""
    if isinstance(part, dict) and isinstance(whole, dict):
        return all(key in whole and _within(value, whole[key]) for key, value in part.items())
    return bool(part == whole)


def _state() -> tuple[Any, ...]:
    """Everything a mutation could change: task logs, scheduled tasks, the default queue's depth, paused
    queues and quiet workers."""
    logs = sorted(MessageLog.objects.values_list("pk", "status", "publish_time", "eta"))
    scheduled = sorted(ScheduledTask.objects.values_list("pk", "interval_count", "active", "task_name"))
    told = (
        sorted(QueuePause.objects.values_list("queue", flat=True)),
        sorted(Worker.objects.values_list("ident", "quiet")),
    )
    return logs, scheduled, depth(), told


@pytest.mark.django_db(transaction=True)  # tasks are published when their transaction commits
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.mutation)
@pytest.mark.parametrize("caller", CALLERS, ids=lambda c: c.name)
def test_each_mutation_for_each_caller(as_caller, purge_queues, caller, scenario):
    api = as_caller(caller)
    variables = scenario.prepare()
    before = _state()
    result = api(scenario.document, variables)
    assert "errors" not in result, result
    payload = result["data"][scenario.mutation]
    allowed = scenario.action in caller.allowed
    entries = list(AuditEntry.objects.all())
    if allowed:
        assert payload["errors"] == []
        assert scenario.mutation in NOT_AUDITED or _state() != before
    else:
        (error,) = payload["errors"]
        assert error["code"] == "FORBIDDEN" and error["field"] is None
        assert f"needs the permission {scenario.action.permission}" in error["message"]
        assert _state() == before
    if scenario.mutation in NOT_AUDITED:
        assert entries == []
        return
    (entry,) = entries
    assert (entry.mutation, entry.username, entry.via, entry.address) == (
        scenario.mutation,
        caller.username,
        caller.via,
        "127.0.0.1",
    )
    assert _within(variables, entry.arguments)  # with the defaults, e.g. olderThanSeconds
    if allowed:
        assert (entry.outcome, entry.rows, entry.messages, entry.error) == (
            AuditEntry.SUCCESS,
            scenario.rows,
            scenario.messages,
            "",
        )
    else:
        assert (entry.outcome, entry.rows, entry.messages) == (AuditEntry.FORBIDDEN, 0, 0)
        assert scenario.action.permission in entry.error


def test_the_roles_are_the_anonymous_roles_the_settings_accept():
    assert set(ROLE_ACTIONS) == set(ROLES) == set(ROLE_GROUPS)


def test_every_mutation_has_a_permission_and_a_scenario():
    """A new mutation fails here until it declares its action and this file tests it for each role."""
    mutation_type = schema.graphql_schema.mutation_type
    assert mutation_type is not None
    assert {s.mutation for s in SCENARIOS} == set(mutation_type.fields)
    for name, field in mutation_type.fields.items():
        payload_type = field.type.of_type if hasattr(field.type, "of_type") else field.type
        mutation = payload_type.graphene_type
        assert issubclass(mutation, BaseMutation), name
        assert isinstance(getattr(mutation, "action", None), Action), f"{name} declares no action"
        assert mutation.action == next(s.action for s in SCENARIOS if s.mutation == name), name


def test_a_mutation_without_a_permission_cannot_even_be_defined():
    with pytest.raises(TypeError, match="Unguarded must set `action`"):

        class Unguarded(BaseMutation):
            done = graphene.Boolean()


# --- Queries ------------------------------------------------------------------------------------

QUERIES = {
    "tasks": "{ tasks(filter: {status: FAILED}) { edges { cursor } } }",
    "task": '{ task(id: "1") { id } }',
    "taskCounts": "{ taskCounts { failed } }",
    "registeredTasks": "{ registeredTasks { path } }",
    "queues": "{ queues { name } }",
    "queue": '{ queue(name: "default") { name } }',
    "workers": "{ workers { id } }",
    "taskStats": "{ taskStats(range: HOUR) { pointSeconds } }",
    "scheduledTasks": "{ scheduledTasks { id } }",
    "scheduledTask": '{ scheduledTask(id: "1") { id } }',
    "cronPreview": '{ cronPreview(expression: "0 2 * * *") { nextRuns } }',
    "auditLog": "{ auditLog { edges { cursor } } }",
}


def test_every_query_field_has_a_permission_and_a_test():
    query_type = schema.graphql_schema.query_type
    assert query_type is not None
    assert set(QUERIES) == set(QUERY_ACTIONS) == set(query_type.fields) - OPEN_QUERIES


@pytest.mark.parametrize("field", sorted(QUERIES))
@pytest.mark.parametrize("caller", CALLERS, ids=lambda c: c.name)
def test_each_query_field_for_each_caller(as_caller, caller, field):
    api = as_caller(caller)
    result = api(QUERIES[field])
    action = QUERY_ACTIONS[field]
    if action in caller.allowed:
        assert "errors" not in result, result
        assert field in result["data"]
        return
    (error,) = result["errors"]
    assert error["extensions"] == {"code": "FORBIDDEN"}
    assert error["path"] == [field]
    assert f"needs the permission {action.permission}" in error["message"]
    assert result["data"] in (None, {field: None})  # null, as a required field nulls its parent


def test_a_refused_field_leaves_the_allowed_ones(as_caller):
    api = as_caller(CALLERS[0])
    Permission.objects.get(codename="view_scheduledtask").group_set.clear()
    result = api('{ viewer { username } taskCounts { failed } scheduledTask(id: "1") { id } }')
    assert [error["path"] for error in result["errors"]] == [["scheduledTask"]]
    assert result["data"] == {
        "viewer": {"username": "viewer"},
        "taskCounts": {"failed": 0},
        "scheduledTask": None,
    }


VIEWER = "{ viewer { username authenticated via actions { action allowed permission reason } } }"


@pytest.mark.parametrize("caller", CALLERS, ids=lambda c: c.name)
def test_the_viewer_says_what_the_caller_may_do_and_why_not(as_caller, caller):
    result = as_caller(caller)(VIEWER)
    assert "errors" not in result, result
    viewer = result["data"]["viewer"]
    assert viewer["username"] == (caller.username or None)
    assert viewer["authenticated"] is (caller.via != "none")
    assert viewer["via"] == caller.via
    actions = {a["action"]: a for a in viewer["actions"]}
    assert set(actions) == {a.name for a in Action}
    for action in Action:
        shown = actions[action.name]
        assert shown["permission"] == action.permission
        assert shown["allowed"] is (action in caller.allowed)
        if shown["allowed"]:
            assert shown["reason"] is None
        else:
            assert action.permission in shown["reason"]
            assert ("sign in" in shown["reason"]) is (caller.via == "none")


# --- The groups -----------------------------------------------------------------------------------


def test_carrot_roles_makes_the_two_groups_and_is_idempotent(capsys):
    call_command("carrot_roles")
    first = capsys.readouterr().out
    assert "carrot viewers: carrot.view_messagelog, carrot.view_scheduledtask\n" in first
    viewers = Group.objects.get(name="carrot viewers")
    operators = Group.objects.get(name="carrot operators")
    other = Permission.objects.get(codename="add_group")
    viewers.permissions.add(other, Permission.objects.get(codename="purge_queue"))  # edited by hand
    operators.permissions.remove(Permission.objects.get(codename="purge_queue"))
    call_command("carrot_roles")
    assert capsys.readouterr().out == first
    assert Group.objects.filter(name__startswith="carrot ").count() == 2
    assert {p.codename for p in viewers.permissions.all()} == {a.codename for a in VIEW} | {"add_group"}
    assert {p.codename for p in operators.permissions.all()} == {a.codename for a in Action}


@pytest.mark.django_db(transaction=True)
def test_one_permission_given_directly_allows_just_its_mutations(as_caller, purge_queues):
    requeuer = Caller("requeuer", frozenset({Action.REQUEUE_TASKS}), "session", "requeuer")
    api = as_caller(requeuer)
    get_user_model().objects.get(username="requeuer").user_permissions.add(
        Permission.objects.get(codename="change_messagelog")
    )
    log = _failed()
    requeued = api(SCENARIOS[1].document, {"id": str(log.pk)})["data"]["requeueTask"]
    assert requeued["errors"] == [] and depth() == 1
    purged = api(SCENARIOS[6].document, {"name": "default"})["data"]["purgeQueue"]
    assert [e["code"] for e in purged["errors"]] == ["FORBIDDEN"] and depth() == 1
    assert api(QUERIES["tasks"])["errors"][0]["extensions"] == {"code": "FORBIDDEN"}
