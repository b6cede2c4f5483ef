"""Publishers under faults: killed right after their calls returned, forked children, a missing exchange,
a broker blip during ``publish_many``. A returned publish must run; an error must tell the truth."""

import time

import pytest

from carrot.models import MessageLog
from tests.faults import harness
from tests.faults import settings as fault_settings
from tests.faults.publisher import tokens

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(150)]

RELAY_WAIT = fault_settings.OUTBOX_RELAY_SECONDS + 20
"""Seconds a scenario waits for its tasks: the relay's grace period, then time to find and send them."""


@pytest.mark.parametrize("ending", ["os_exit", "sigkill", "sigkill_broker_unreachable"])
def test_publisher_killed_right_after_its_last_call_returned(
    start_service, start_publisher, rabbitmq_proxy, ledger, ending
):
    """With the broker unreachable from the publisher, none of its messages can have been sent before the
    kill: every one of them must come from the service's relay."""
    started = time.monotonic()
    start_service()  # straight to the broker
    broker = None
    if ending == "sigkill_broker_unreachable":
        rabbitmq_proxy.refuse(120)
        broker = rabbitmq_proxy
    then = "os_exit" if ending == "os_exit" else "wait"
    publisher = start_publisher("burst", "200", f"d-{ending}", then, broker=broker)
    returned_after = publisher.until("returned")
    if ending != "os_exit":
        publisher.kill()  # the instant it printed that the last call returned
    exit_code = publisher.wait()
    expected = tokens(f"d-{ending}", 200)
    counted = harness.settle(
        f"d. publisher {ending} right after return", expected, ledger, started=started, timeout=RELAY_WAIT
    )
    counted.notes.update(publisher_exit=exit_code, returned_at=f"{returned_after['seconds']}s")
    if broker is not None:
        counted.notes.update(publisher_links_refused=broker.refused, publisher_links_made=broker.accepted)
    harness.report(counted).check()


@pytest.mark.parametrize("fan_out", ["fork_process", "fork_pool"])
def test_forked_children_deliver_everything_they_published(start_service, start_publisher, ledger, fan_out):
    started = time.monotonic()
    start_service()
    publisher = start_publisher(fan_out, "200", f"e-{fan_out}")
    returned = publisher.until("returned")
    exit_code = publisher.wait()
    expected = [*tokens(f"e-{fan_out}", 200), f"e-{fan_out}-parent"]
    counted = harness.settle(
        f"e. {fan_out} children (200 + 1 from the parent)",
        expected,
        ledger,
        started=started,
        timeout=RELAY_WAIT,
    )
    counted.notes.update(parent_exit=exit_code, children=returned.get("exitcodes", "pool"))
    harness.report(counted).check()


def test_missing_exchange_fails_its_own_call_at_once_with_the_brokers_reason(
    start_service, start_publisher, ledger
):
    started = time.monotonic()
    start_service()
    publisher = start_publisher("missing_exchange", "g")
    returned = publisher.until("returned", timeout=90)
    publisher.wait()
    good = [*tokens("g-before", 5), *tokens("g-after", 5)]
    counted = harness.settle("g. missing exchange", good, ledger, started=started, timeout=30)
    errors = returned["errors"]
    counted.notes.update(
        error_after=f"{returned['seconds']}s", raised_by=[error["at"] for error in errors] or "nothing"
    )
    harness.report(counted).check()
    assert errors, "no PublishError for a message sent to an exchange that does not exist"
    first = errors[0]
    assert first["at"] in ("publish_message", "flush"), f"the error surfaced late, at the {first['at']}"
    assert "NOT_FOUND" in first["message"], f"the broker's reason is missing: {first['message']!r}"
    assert returned["seconds"] < 5, f"the error took {returned['seconds']}s (other publishes stalled)"
    bad_uuid = returned["bad_uuid"]
    if bad_uuid is not None and first["failures"]:
        assert first["failures"] == [bad_uuid], f"the error names other tasks too: {first['failures']}"
    assert len(errors) == 1, f"later publishes failed too: {errors[1:]}"
    assert harness.ledger_runs(ledger)["g-bad"] == 0
    bad_log = MessageLog.objects.filter(task_args__0="g-bad").values_list("status", flat=True).first()
    assert bad_log in (None, MessageLog.FAILED), f"the refused task's log is {bad_log}"


def test_broker_blip_during_publish_many_loses_nothing_and_names_only_unconfirmed(
    start_service, start_publisher, rabbitmq_proxy, ledger
):
    started = time.monotonic()
    start_service()  # straight to the broker: only the publisher goes through the proxy

    def blip() -> None:
        rabbitmq_proxy.refuse(2.0)
        rabbitmq_proxy.cut()

    # About a fifth of the way through the burst's bytes (a task's message is about 250 bytes).
    rabbitmq_proxy.when_sent(60_000, blip)
    publisher = start_publisher("bulk", "1000", "j", broker=rabbitmq_proxy)
    returned = publisher.until("returned", timeout=90)
    publisher.wait()
    expected = tokens("j", 1000)
    counted = harness.settle(
        "j. 2s broker blip during publish_many(1000)", expected, ledger, started=started, timeout=RELAY_WAIT
    )
    named = set(returned["failures"])
    uuids = dict(MessageLog.objects.values_list("uuid", "task_args__0"))
    runs = harness.ledger_runs(ledger)
    counted.notes.update(
        blip=rabbitmq_proxy.cuts > 0,
        publish_many=f"raised naming {len(named)}" if returned["error"] else "returned",
        publish_seconds=returned["seconds"],
        named_that_ran=sum(1 for uuid in named if runs[uuids.get(uuid, "")]),
        failed_after_run=counted.failed_after_run,
    )
    harness.report(counted).check(allow_failed_after_run=False)
    assert rabbitmq_proxy.cuts, "the blip never happened: publish_many sent less than the proxy waited for"
    assert named <= set(uuids), f"the error names tasks that do not exist: {sorted(named - set(uuids))[:5]}"
