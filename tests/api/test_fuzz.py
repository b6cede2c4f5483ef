"""A GraphQL fuzz run: schemathesis sends queries and mutations generated from ``schema.graphql``.

Every root field of the checked-in schema gets generated documents (random selections, arguments
within their types, half of the time a value that reaches real data: the seeded ids, queue names and
task paths, edge numbers) sent to the real API on Django's live server, with the real RabbitMQ
behind it, over HTTP as the monitor's page sends them (the CSRF cookie and its header, a same-origin
``Origin``). Every answer must be:

* no server fault: no 5xx status and no error coded ``INTERNAL_SERVER_ERROR``;
* free of Python internals: no traceback, stack frame or exception class name anywhere in the body
  (the seeded tasks' texts hold none, so any there comes from the API);
* a GraphQL answer: a JSON object with ``data`` or ``errors``.

The run is made twice. As an anonymous operator, mutations may change things. As an anonymous
``viewer`` (read-only), every mutation is refused, so after each request the task logs, the
scheduled tasks and the depth of every queue must be exactly what they were before it.

A third run forges requests: mutations that would change the seeded data, sent as a page on another
site or a client without a token could send them (any method and body encoding, a foreign or no
``Origin``, half a CSRF token pair); each gets the same checks and must change nothing.

CI's run is reproducible and bounded: Hypothesis is derandomized (the same requests every run) and
sends ``CARROT_FUZZ_EXAMPLES`` documents (default 15) per root field and role, and four times as many
forged requests. A longer soak, locally::

    CARROT_FUZZ_EXAMPLES=1000 CARROT_FUZZ_SEED=random .venv/bin/pytest tests/api/test_fuzz.py

``CARROT_FUZZ_SEED`` is ``derandomized`` (the default), ``random`` (new requests each run), or an
integer (replays the run of that seed).
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig

from carrot.models import MessageLog, ScheduledTask
from tests.api.conftest import make_log
from tests.conftest import wait_for

EXAMPLES = int(os.environ.get("CARROT_FUZZ_EXAMPLES", "15"))
SEED = os.environ.get("CARROT_FUZZ_SEED", "derandomized")
FIXED_SEED = int(SEED) if SEED.lstrip("-").isdigit() else None
QUEUES = ("default", "other", "idle")
LOG_IDS = (900_001, 900_002, 900_003)
"""Seeded task logs (FAILED, COMPLETED, IN_PROGRESS), above any id the database hands out in a run."""
SCHEDULED_IDS = (900_001, 900_002)
"""Seeded scheduled tasks (every second, every day)."""
LOG_UUIDS = tuple(str(uuid.UUID(int=pk)) for pk in LOG_IDS)
VALUES: dict[str, list[Any]] = {
    "ids": [*map(str, LOG_IDS), *LOG_UUIDS, "0", "-1", " 900001 "],
    "queues": [*QUEUES, " default ", "nowhere", ""],
    "task_paths": [
        "tests.tasks.add",
        " tests.tasks.add ",
        "tests.tasks.fail",
        "tests.tasks.missing",
        "os.system",
    ],
    "args": ["1, 2", "", "1,", "(", "[1] * 10**9", "'x' * 10**9", "__import__('os')"],
    "kwargs": ['{"a": 1}', "", "{", "[]", '{"a": 1e999}', "null"],
    "counts": [0, 1, -1, 255, 256, 2_147_483_647, -2_147_483_648],
    "mutations": ["purgeQueue", "deleteTask", ""],
    "usernames": ["", "anonymous", "admin"],
}
"""Values that reach seeded data or an edge: schemathesis uses one half of the time."""
BINDINGS = {
    "*.*.id": "ids",
    "*.*.uuid": "ids",
    "*.*.ids[*]": "ids",
    "*.*.name": "queues",
    "*.*.queue": "queues",
    "*.*.filter.queue": "queues",
    "*.*.input.queue": "queues",
    "*.*.task": "task_paths",
    "*.*.filter.task": "task_paths",
    "*.*.input.task": "task_paths",
    "*.*.args": "args",
    "*.*.input.args": "args",
    "*.*.kwargs": "kwargs",
    "*.*.input.kwargs": "kwargs",
    "*.*.first": "counts",
    "*.*.last": "counts",
    "*.*.olderThanSeconds": "counts",
    "*.*.input.intervalCount": "counts",
    "*.*.input.priority": "counts",
    "*.*.mutation": "mutations",
    "*.*.username": "usernames",
}
"""Which arguments (``<Type>.<field>.<argument path>``) draw from which of ``VALUES``."""
CONFIG = SchemathesisConfig.from_dict(
    {
        **({} if FIXED_SEED is None else {"seed": FIXED_SEED}),  # schemathesis derives one per field
        "dictionaries": {name: {"values": values} for name, values in VALUES.items()},
        "parameters": {key: {"dictionary": name, "probability": 0.5} for key, name in BINDINGS.items()},
    }
)
SCHEMA = schemathesis.graphql.from_path(Path(__file__).resolve().parents[2] / "schema.graphql", config=CONFIG)
PYTHON_INTERNALS = re.compile(
    r'Traceback \(most recent call last\)|File "[^"]*", line \d+|\b[A-Z]\w*(?:Error|Exception)\b'
)
"""What Python internals look like in text: a traceback, a stack frame, an exception class name."""
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=SEED == "derandomized",
    # The fixtures (seeded data, the browser-like session) are shared by a test's examples on purpose.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

pytestmark = pytest.mark.timeout(600)

Snapshot = tuple[list[Any], list[Any], dict[str, int]]


@pytest.fixture
def seeded(purge_queues: None) -> None:
    """Something for each mutation to change: logs in each status, scheduled tasks, queued messages."""
    from carrot.publishing import flush, publish_message

    for pk, log_uuid, status in zip(
        LOG_IDS, LOG_UUIDS, (MessageLog.FAILED, MessageLog.COMPLETED, MessageLog.IN_PROGRESS), strict=True
    ):
        make_log(pk=pk, uuid=log_uuid, status=status, exception="a seeded failure", traceback="seeded")
    for pk, interval_type in zip(SCHEDULED_IDS, (ScheduledTask.SECONDS, ScheduledTask.DAYS), strict=True):
        ScheduledTask.objects.create(
            pk=pk,
            task="tests.tasks.add",
            task_name=f"seeded {pk}",
            interval_type=interval_type,
            task_args=[1, 2],
        )
    for queue in QUEUES:
        publish_message("tests.tasks.add", 1, 2, queue=queue)
    flush()
    # The broker's confirmations are written a moment after flush() returns.
    unconfirmed = MessageLog.objects.filter(relay_after__isnull=False)
    wait_for(lambda: not unconfirmed.exists(), what="the seeded messages' confirmations")


@pytest.fixture
def browser_session(live_server: Any) -> Iterator[tuple[requests.Session, str]]:
    """A session holding the monitor's CSRF cookie and sending it back as the monitor's page does."""
    session = requests.Session()
    page = session.get(f"{live_server.url}/carrot/", timeout=30)
    assert page.status_code == 200, page.text[:500]
    session.headers.update(
        {
            "X-CSRFToken": session.cookies["csrftoken"],
            "Origin": live_server.url,
            "Referer": f"{live_server.url}/carrot/",
        }
    )
    yield session, f"{live_server.url}/carrot/graphql"
    session.close()


@pytest.fixture
def snapshot() -> Iterator[Callable[[], Snapshot]]:
    """Take every task log and scheduled task (all columns) and every queue's depth, on one connection."""
    from carrot import broker
    from carrot.conf import get_settings

    queues = [get_settings().queue(name) for name in QUEUES]
    connection = broker.connect(queues[0].broker)
    channel = connection.channel()

    def take() -> Snapshot:
        logs = list(MessageLog.objects.order_by("pk").values_list())
        scheduled = list(ScheduledTask.objects.order_by("pk").values_list())
        return logs, scheduled, {queue.name: broker.describe_queue(channel, queue)[0] for queue in queues}

    yield take
    broker.close_quietly(connection)


def assert_graphql_answer(request: Any, response: requests.Response) -> None:
    """The response to ``request`` (shown in failures) is a GraphQL answer, with no server fault and
    no Python internals in it."""
    text = response.text
    exchange = f"{request}\nwas answered {response.status_code} {text[:3000]}"
    assert response.status_code < 500, f"a server fault: {exchange}"
    leaked = PYTHON_INTERNALS.search(text)
    assert leaked is None, f"Python internals ({leaked.group(0)!r}) in the answer: {exchange}"
    try:
        body = json.loads(text)
    except ValueError:
        raise AssertionError(f"the answer is not JSON: {exchange}") from None
    assert isinstance(body, dict) and ("data" in body or "errors" in body), (
        f"not a GraphQL answer: {exchange}"
    )
    codes = [(error.get("extensions") or {}).get("code") for error in body.get("errors") or []]
    assert "INTERNAL_SERVER_ERROR" not in codes, f"a server fault: {exchange}"


@SCHEMA.parametrize()
@FUZZ_SETTINGS
def test_operator_gets_answers_not_faults(case: Any, seeded: None, browser_session: Any) -> None:
    session, url = browser_session
    assert_graphql_answer(case.body, case.call(base_url=url, session=session))


@SCHEMA.parametrize()
@FUZZ_SETTINGS
def test_viewer_changes_nothing(
    case: Any, seeded: None, browser_session: Any, snapshot: Callable[[], Snapshot], settings: Any
) -> None:
    settings.CARROT = {**settings.CARROT, "anonymous_role": "viewer"}
    session, url = browser_session
    before = snapshot()
    response = case.call(base_url=url, session=session)
    assert_graphql_answer(case.body, response)
    after = snapshot()
    assert after == before, (
        f"a viewer's request changed something: {case.body}\nwas answered {response.text[:3000]}"
    )


CHANGING = (
    'mutation { purgeQueue(name: "default") { purgedCount } }',
    'mutation { deleteScheduledTask(id: "900001") { deletedId } }',
    'mutation { deleteTask(id: "900002") { deletedId } }',
    'mutation { requeueTask(id: "900001") { task { id } } }',
    'mutation { publishTask(input: {task: "tests.tasks.add", args: "1, 2"}) { task { id } } }',
    'mutation { createScheduledTask(input: {task: "tests.tasks.add", args: "1, 2", intervalType: SECONDS, '
    "intervalCount: 5}) { scheduledTask { id } } }",
)
"""Mutations that change the seeded data whenever they run."""


def _json_containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20), _json_containers, max_leaves=8
)
"""Any JSON value, for the ``variables`` and ``operationName`` of a forged request."""


@st.composite
def forged_requests(draw: st.DrawFn) -> dict[str, Any]:
    """A request carrying one of ``CHANGING`` as a page on another site, or a client without a token
    or a same-origin ``Origin``, could send it: any method, body encoding and CSRF half-measure."""
    document = draw(st.sampled_from(CHANGING))
    fields = {
        "query": document,
        **draw(st.dictionaries(st.sampled_from(["variables", "operationName"]), JSON)),
    }
    encodings = {
        "json": lambda: ("application/json", json.dumps(fields)),
        "batched json": lambda: ("application/json", json.dumps([fields])),
        "text/plain json": lambda: ("text/plain", json.dumps(fields)),
        "graphql": lambda: ("application/graphql", document),
        "form": lambda: ("application/x-www-form-urlencoded", {"query": document}),
        "query string": lambda: (None, None),
    }
    content_type, body = encodings[draw(st.sampled_from(sorted(encodings)))]()
    headers = {"Content-Type": content_type} if content_type else {}
    origin = draw(st.sampled_from([None, "http://evil.example", "null", "http://localhost.evil.example"]))
    if origin:
        headers["Origin"] = origin
    token = "a" * 32
    half_measure = draw(
        st.sampled_from(["none", "header without cookie", "cookie without header", "mismatch"])
    )
    cookies = {"csrftoken": token} if half_measure in ("cookie without header", "mismatch") else {}
    if half_measure in ("header without cookie", "mismatch"):
        headers["X-CSRFToken"] = token if half_measure == "header without cookie" else "b" * 32
    return {
        "method": draw(st.sampled_from(["POST", "GET", "PUT", "PATCH", "DELETE"])),
        "params": {"query": document} if body is None else None,
        "data": body,
        "headers": headers,
        "cookies": cookies,
    }


@pytest.mark.parametrize("document", CHANGING)
def test_each_forged_mutation_changes_something_when_sent_from_the_monitor(
    document: str, seeded: None, browser_session: Any, snapshot: Callable[[], Snapshot]
) -> None:
    """What the forged requests carry would change the data: their test below cannot pass for nothing."""
    session, url = browser_session
    before = snapshot()
    response = session.post(url, json={"query": document}, timeout=30)
    assert_graphql_answer(document, response)
    assert "errors" not in response.json(), response.text
    assert snapshot() != before


@seed(FIXED_SEED)
@settings(FUZZ_SETTINGS, max_examples=EXAMPLES * 4)
@given(forged=forged_requests())
def test_forged_mutations_change_nothing(
    forged: dict[str, Any], seeded: None, live_server: Any, snapshot: Callable[[], Snapshot]
) -> None:
    """An anonymous operator's mutation without a token, a same-origin ``Origin`` or Django's CSRF
    token pair is refused whatever its method and body encoding, and changes nothing."""
    before = snapshot()
    response = requests.request(url=f"{live_server.url}/carrot/graphql", timeout=30, **forged)
    assert_graphql_answer(forged, response)
    assert snapshot() == before, (
        f"a forged request changed something: {forged}\nanswered {response.text[:3000]}"
    )
