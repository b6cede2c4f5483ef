"""The monitor API over HTTP: each GraphQL request timed from send to the last byte of the answer.

The client is a logged-in staff session, as the monitor's own page is: the session cookie, the CSRF
cookie and the ``X-CSRFToken`` header, ``POST`` with a JSON body, one keep-alive connection per
measurement (reopened when the server closes it). Only the standard library is used.
"""

from __future__ import annotations

import http.client
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from bench.monitor import data

PAGE_SIZE = 50
"""The UI's page size."""
TASK_FIELDS = "uuid task status queue priority publishTime completionTime failureTime exception"
OURS_LIST = (
    "query TaskList($filter: TaskFilter!, $first: Int, $after: String) {"
    " tasks(filter: $filter, first: $first, after: $after) {"
    f" edges {{ cursor node {{ {TASK_FIELDS} }} }} pageInfo {{ hasNextPage endCursor }} }} }}"
)
OURS_COUNTS = "query TaskCounts { taskCounts { queued failed completed scheduled } }"
STOCK_LIST = (
    "query Logs($status: [String], $first: Int, $after: String) {"
    " logs(status: $status, first: $first, after: $after) {"
    f" edges {{ cursor node {{ {TASK_FIELDS} }} }} pageInfo {{ hasNextPage endCursor }} }} }}"
)
EMPTY = "{ __typename }"
"""The smallest GraphQL request: what any answer of a view costs before its own work."""
EMPTY_METRIC = "empty request ({ __typename })"
GROUP_STATUSES = {"queued": ["PUBLISHED", "IN_PROGRESS"], "failed": ["FAILED"], "completed": ["COMPLETED"]}


@dataclass(frozen=True)
class Request:
    """One row of the table: a GraphQL request sent ``repetitions`` times."""

    system: str
    metric: str
    path: str
    query: str
    variables: dict[str, Any] = field(default_factory=dict)
    target_ms: float | None = None
    """Issue 5's bar for this row's p95, if it has one."""


def offset_cursor(offset: int) -> str:
    """graphene-django's cursor for ``offset`` (``arrayconnection:<n>``, base64)."""
    import base64

    return base64.b64encode(f"arrayconnection:{offset}".encode()).decode()


def requests(cursors: dict[str, str], deep: int) -> list[Request]:
    """Every measured request: ours (``/carrot/graphql``) and the stock peer (``/stock/graphql``)."""
    ours, stock = "/carrot/graphql", "/stock/graphql"
    rows = [
        Request("ours", EMPTY_METRIC, ours, EMPTY),
        Request("stock graphene-django", EMPTY_METRIC, stock, EMPTY),
    ]
    for group in GROUP_STATUSES:
        variables = {"filter": {"status": group.upper()}, "first": PAGE_SIZE}
        rows.append(Request("ours", f"first page, {group}", ours, OURS_LIST, variables, 50))
        stock_variables = {"status": GROUP_STATUSES[group], "first": PAGE_SIZE}
        rows.append(
            Request("stock graphene-django", f"first page, {group}", stock, STOCK_LIST, stock_variables)
        )
    for group in ("failed", "completed"):
        variables = {"filter": {"status": group.upper()}, "first": PAGE_SIZE, "after": cursors[group]}
        rows.append(Request("ours", f"page {deep:,} rows deep, {group}", ours, OURS_LIST, variables, 50))
        stock_variables = {
            "status": GROUP_STATUSES[group],
            "first": PAGE_SIZE,
            "after": offset_cursor(deep - 1),
        }
        rows.append(
            Request(
                "stock graphene-django",
                f"page {deep:,} rows deep, {group}",
                stock,
                STOCK_LIST,
                stock_variables,
            )
        )
    for group, task, share in (
        ("failed", data.COMMON_TASK, "common"),
        ("completed", data.COMMON_TASK, "common"),
        ("failed", data.RARE_TASK, "rare"),
        ("completed", data.RARE_TASK, "rare"),
    ):
        variables = {"filter": {"status": group.upper(), "search": task}, "first": PAGE_SIZE}
        rows.append(Request("ours", f"search task name ({share}), {group}", ours, OURS_LIST, variables, 200))
    for group in ("failed", "completed"):
        variables = {"filter": {"status": group.upper(), "task": data.RARE_TASK}, "first": PAGE_SIZE}
        rows.append(Request("ours", f"task filter (rare task), {group}", ours, OURS_LIST, variables, 50))
    rows.append(Request("ours", "per-status counts", ours, OURS_COUNTS, {}, 50))
    return rows


class Client:
    """A logged-in session on ``127.0.0.1:port`` over one keep-alive connection."""

    def __init__(self, port: int, sessionid: str) -> None:
        self.port = port
        self.csrf = secrets.token_hex(16)  # 32 characters: Django takes an unmasked secret as is
        self.headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Cookie": f"sessionid={sessionid}; csrftoken={self.csrf}",
            "X-CSRFToken": self.csrf,
        }
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def post(self, path: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        body = json.dumps({"query": query, "variables": variables})
        for attempt in (1, 2):
            try:
                self.connection.request("POST", path, body=body, headers=self.headers)
                response = self.connection.getresponse()
                payload = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                if attempt == 2:
                    raise
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}: {payload[:500]!r}")
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        result = json.loads(payload)
        if result.get("errors"):
            raise RuntimeError(f"{path} answered errors: {result['errors']}")
        return result["data"]

    def close(self) -> None:
        self.connection.close()


def rows_of(answer: dict[str, Any]) -> int:
    """How many logs an answer holds (0 for the counts)."""
    connection = answer.get("tasks") or answer.get("logs")
    return len(connection["edges"]) if connection else 0


@dataclass
class Timings:
    """The milliseconds of every timed request of a row, and the last answer (to check it)."""

    ms: list[float] = field(default_factory=list)
    answer: dict[str, Any] = field(default_factory=dict)


def interleaved(client: Client, plan: list[Request], repetitions: int, rounds: int = 5) -> list[Timings]:
    """Every request of ``plan`` sent ``repetitions`` times, timed, in ``rounds`` interleaved rounds.

    Each round sends every request 1 time untimed (3 in the first round: connections, caches), then
    ``repetitions / rounds`` times timed, so a burst of load on the shared machine lands on every
    row rather than on one.
    """
    results = [Timings() for _ in plan]
    per_round = max(1, repetitions // rounds)
    for round_number in range(rounds):
        for request, result in zip(plan, results, strict=True):
            for _ in range(3 if round_number == 0 else 1):
                result.answer = client.post(request.path, request.query, request.variables)
            for _ in range(per_round):
                started = time.perf_counter()
                client.post(request.path, request.query, request.variables)
                result.ms.append((time.perf_counter() - started) * 1000)
    return results
