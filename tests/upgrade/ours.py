"""Our side of the switch tests, run as ``python -m tests.upgrade.ours`` with ``tests.upgrade.settings``.

``publish``: publish ``record_run`` tasks with our ``publish_message``; prints ``<run id> <uuid>`` lines.
``report``: print, as JSON, every task log (uuid, status, arguments), the scheduled tasks, and the uuids
the monitor's GraphQL API lists as completed, as an anonymous operator sees them.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import django

TASKS_QUERY = """
query Completed($after: String) {
  tasks(filter: {status: COMPLETED}, first: 200, after: $after) {
    edges { node { uuid args } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


def publish(ledger: str, prefix: str, count: int) -> None:
    from carrot.publishing import flush
    from carrot.utilities import publish_message
    from tests.upgrade import fleet
    from tests.upgrade.onefive.tasks import record_run

    for n in range(count):
        run_id = f"{prefix}-{n}"
        log = publish_message(record_run, ledger, run_id, queue=fleet.QUEUE)
        print(run_id, log.uuid, flush=True)
    flush()


def completed_in_monitor() -> list[dict[str, Any]]:
    """Every completed task the GraphQL API lists, page by page."""
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host, 'testserver', is then allowed
    client, after, nodes = Client(), None, []
    while True:
        body = {"query": TASKS_QUERY, "variables": {"after": after}}
        answer = client.post("/carrot/graphql", json.dumps(body), content_type="application/json").json()
        if "errors" in answer:
            raise RuntimeError(f"the tasks query failed: {answer['errors']}")
        page = answer["data"]["tasks"]
        nodes += [edge["node"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        after = page["pageInfo"]["endCursor"]


def report() -> dict[str, Any]:
    from carrot.models import MessageLog, ScheduledTask

    logs = MessageLog.objects.order_by("id").values("uuid", "status", "task_args", "content")
    scheduled = ScheduledTask.objects.order_by("task_name").values(
        "task_name", "task", "queue", "interval_type", "interval_count", "task_args", "content", "active"
    )
    return {"logs": list(logs), "scheduled": list(scheduled), "monitor": completed_in_monitor()}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.upgrade.ours")
    actions = parser.add_subparsers(dest="action", required=True)
    publishing = actions.add_parser("publish")
    publishing.add_argument("--ledger", required=True)
    publishing.add_argument("--prefix", required=True)
    publishing.add_argument("--count", type=int, required=True)
    actions.add_parser("report")
    options = parser.parse_args(argv)
    django.setup()
    if options.action == "publish":
        publish(options.ledger, options.prefix, options.count)
    else:
        print(json.dumps(report(), default=str))


if __name__ == "__main__":
    main(sys.argv[1:])
