"""Poison: values no database or JSON reader takes (NUL, NaN, infinities, 10 MB), refused at the door, and
messages from another producer carrying them. Every message must end, acked, and never loop."""

import json
import time
import uuid

import pytest

from carrot.errors import PublishError, SerializationError
from carrot.models import MessageLog
from carrot.publishing import flush
from carrot.utilities import publish_message
from tests.faults import harness
from tests.faults import settings as fault_settings
from tests.faults.tasks import logs_nul, raises_nul, record, returns_nul, take

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(120)]

TEN_MB = 10 * 1024 * 1024
POISON_VALUES = {
    "nul": "a\x00b",
    "nan": float("nan"),
    "inf": float("inf"),
    "10mb": "x" * TEN_MB,
}


def test_poison_values_are_refused_at_the_door(clean_queue, ledger):
    started = time.monotonic()
    outcomes = {}
    for name, value in POISON_VALUES.items():
        try:
            publish_message(take, f"h-{name}", value)
        except SerializationError:
            outcomes[name] = "refused"
        except Exception as exc:
            outcomes[name] = f"{type(exc).__name__}: {str(exc)[:200]}"
        else:
            outcomes[name] = "accepted"
    try:
        flush()
        flush_error = None
    except PublishError as exc:
        flush_error = str(exc)[:300]
    written = MessageLog.objects.count()
    sent = harness.left_in_queue()
    counted = harness.tally("h. poison values at the door", [], ledger, started=started)
    refused = sum(outcome == "refused" for outcome in outcomes.values())
    counted.notes.update(refused=f"{refused}/{len(outcomes)}", messages_sent=sent)
    harness.report(counted)
    not_refused = {name: outcome for name, outcome in outcomes.items() if outcome != "refused"}
    assert not not_refused, f"not refused with SerializationError: {not_refused}\n  {counted.line()}"
    assert (written, sent, flush_error) == (0, 0, None), (
        f"a refused call still wrote {written} logs, sent {sent} messages, flush raised {flush_error!r}"
    )


RAW_TASKS = "tests.faults.tasks."
RAW_MESSAGES = {
    "undecodable": (RAW_TASKS + "record", b"\xff\xfe{not json at all"),
    "nan": (RAW_TASKS + "take", b'{"args": ["i-nan", NaN], "kwargs": {}}'),
    "nul": (RAW_TASKS + "take", b'{"args": ["i-nul", "a\\u0000b"], "kwargs": {}}'),
    "10mb": (RAW_TASKS + "take", json.dumps({"args": ["i-10mb", "x" * TEN_MB], "kwargs": {}}).encode()),
    "unknown task": (RAW_TASKS + "no_such_task", b'{"args": ["i-unknown"], "kwargs": {}}'),
}
CANNOT_RUN = {"undecodable", "unknown task"}
ENDED = (MessageLog.COMPLETED, MessageLog.FAILED)


def test_poison_from_another_producer_ends_acked_and_nul_results_are_stored(start_service, ledger):
    started = time.monotonic()
    service = start_service()
    ids = {name: str(uuid.uuid4()) for name in RAW_MESSAGES}
    for name, (task, body) in RAW_MESSAGES.items():
        harness.publish_raw(body, task, ids[name])
    healthy = publish_message(record, "i-healthy")
    nul_tasks = {
        "returns": publish_message(returns_nul, "i-returns-nul"),
        "logs": publish_message(logs_nul, "i-logs-nul"),
        "raises": publish_message(raises_nul, "i-raises-nul"),
    }
    flush()
    expected = ["i-healthy", "i-returns-nul", "i-logs-nul", "i-raises-nul"]
    counted = harness.settle("i. poison from another producer", expected, ledger, started=started, timeout=40)
    service.stop()
    counted.left_in_queue = harness.left_in_queue()
    logs = {log.uuid: log for log in MessageLog.objects.filter(uuid__in=[*ids.values(), healthy.uuid])}
    raw_status = {name: getattr(logs.get(ids[name]), "status", "no log") for name in RAW_MESSAGES}
    runs = harness.ledger_runs(ledger)
    counted.notes.update(
        raw=raw_status,
        runs={token: runs[token] for token in expected},
        max_deliveries=fault_settings.MAX_DELIVERIES,
    )
    harness.report(counted)

    problems = counted.problems()
    problems += [f"{name}: {status}" for name, status in raw_status.items() if status not in ENDED]
    problems += [f"{name}: ran though it cannot" for name in CANNOT_RUN if raw_status[name] == "COMPLETED"]
    if runs["i-healthy"] != 1 or logs[healthy.uuid].status != MessageLog.COMPLETED:
        problems.append(f"healthy task ran {runs['i-healthy']} times, log {logs[healthy.uuid].status}")
    stored = {kind: MessageLog.objects.get(uuid=log.uuid) for kind, log in nul_tasks.items()}
    texts = {
        "returns": (stored["returns"].status, stored["returns"].output),
        "logs": (
            stored["logs"].status,
            " | ".join(str(entry.get("message")) for entry in stored["logs"].log),
        ),
        "raises": (stored["raises"].status, stored["raises"].exception),
    }
    wanted = {"returns": MessageLog.COMPLETED, "logs": MessageLog.COMPLETED, "raises": MessageLog.FAILED}
    for kind, (status, text) in texts.items():
        if status != wanted[kind] or "before" not in text or "after" not in text:
            problems.append(f"task that {kind} NUL text: {status}, stored {text[:120]!r}")
    assert not problems, "; ".join(problems) + f"\n  {counted.line()}"
