"""A publishing process for the fault suite: ``python -m tests.faults.publisher <scenario> [args]``.

It runs with ``DJANGO_SETTINGS_MODULE=tests.faults.settings`` (see :func:`tests.faults.harness.fault_env`)
and reports on stdout, one JSON object a line (``{"event": ..., ...}``), so the test can act at a
known moment (kill it right after the last call returned, cut its broker link mid-burst). Scenarios:

- ``burst N PREFIX os_exit|wait``: ``publish_message`` N times, say ``returned``, then ``os._exit(0)``
  at once or wait to be SIGKILLed;
- ``fork_process N PREFIX`` / ``fork_pool N PREFIX``: publish N tasks from forked ``multiprocessing``
  children (``Process`` or ``Pool.map``) that then exit;
- ``missing_exchange PREFIX``: good tasks around one sent to an exchange that does not exist;
- ``bulk N PREFIX``: one ``publish_many`` of N tasks.

Every task is ``tests.faults.tasks.record`` with a token ``PREFIX-<n>``.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
import traceback
from typing import Any


def say(event: str, **data: Any) -> None:
    print(json.dumps({"event": event, **data}), flush=True)


def publish_tokens(tokens: list[str]) -> int:
    from carrot.utilities import publish_message
    from tests.faults.tasks import record

    for token in tokens:
        publish_message(record, token)
    return len(tokens)


def tokens(prefix: str, count: int) -> list[str]:
    return [f"{prefix}-{number:04d}" for number in range(count)]


def burst(count: str, prefix: str, then: str) -> None:
    started = time.monotonic()
    publish_tokens(tokens(prefix, int(count)))
    say("returned", count=int(count), seconds=round(time.monotonic() - started, 2))
    if then == "os_exit":
        os._exit(0)
    time.sleep(60)  # the test SIGKILLs this process now


def _before_fork(prefix: str) -> None:
    """As a management command would be: it has published (the pipeline is running) before it forks.

    Its database connection stays open, as most code leaves it: carrot gives each child its own.
    """
    from carrot.publishing import flush

    publish_tokens([f"{prefix}-parent"])
    flush()


def fork_process(count: str, prefix: str, children: int = 4) -> None:
    _before_fork(prefix)
    every = tokens(prefix, int(count))
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=publish_tokens, args=(every[i::children],)) for i in range(children)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
    say("returned", exitcodes=[process.exitcode for process in processes])


def fork_pool(count: str, prefix: str, workers: int = 4) -> None:
    _before_fork(prefix)
    every = tokens(prefix, int(count))
    chunks = [every[i : i + 20] for i in range(0, len(every), 20)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:  # terminates the workers on exit
        published = pool.map(publish_tokens, chunks)
    say("returned", published=sum(published))


def missing_exchange(prefix: str) -> None:
    from carrot.errors import PublishError
    from carrot.publishing import flush
    from carrot.utilities import publish_message
    from tests.faults.tasks import record

    good = publish_tokens(tokens(f"{prefix}-before", 5))
    started = time.monotonic()
    errors: list[dict[str, Any]] = []
    bad_uuid = None
    try:
        bad_uuid = publish_message(record, f"{prefix}-bad", exchange="no-such-exchange").uuid
    except PublishError as exc:
        errors.append({"at": "publish_message", "message": str(exc), "failures": sorted(exc.failures)})
    good += publish_tokens(tokens(f"{prefix}-after", 5))
    for attempt in ("flush", "second flush"):
        try:
            flush()
        except PublishError as exc:
            errors.append({"at": attempt, "message": str(exc), "failures": sorted(exc.failures)})
        if attempt == "flush":
            seconds = time.monotonic() - started
    say("returned", errors=errors, bad_uuid=bad_uuid, good=good, seconds=round(seconds, 2))


def bulk(count: str, prefix: str) -> None:
    from carrot.errors import PublishError
    from carrot.publishing import TaskCall, publish_many
    from tests.faults.tasks import record

    calls = [TaskCall(record, (token,)) for token in tokens(prefix, int(count))]
    say("started")
    started = time.monotonic()
    try:
        publish_many(calls)
    except PublishError as exc:
        seconds = round(time.monotonic() - started, 2)
        say("returned", error=str(exc)[:2000], failures=sorted(exc.failures), seconds=seconds)
    else:
        say("returned", error=None, failures=[], seconds=round(time.monotonic() - started, 2))


SCENARIOS = {
    "burst": burst,
    "fork_process": fork_process,
    "fork_pool": fork_pool,
    "missing_exchange": missing_exchange,
    "bulk": bulk,
}


def main(argv: list[str]) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.faults.settings")
    django.setup()
    try:
        SCENARIOS[argv[0]](*argv[1:])
    except Exception as exc:
        say("crashed", error=f"{type(exc).__name__}: {exc}", traceback=traceback.format_exc())
        raise


if __name__ == "__main__":
    main(sys.argv[1:])
