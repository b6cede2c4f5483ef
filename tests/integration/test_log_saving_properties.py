"""Property-based tests of saving task logs in the real database (SQLite or PostgreSQL).

Whatever a task produces (output, exception, traceback, log lines: any text, NUL and characters
beyond the BMP included), once made storable by :func:`carrot.values.storable_text` and
:func:`carrot.values.storable_json`, is written by the paths the service uses
(:func:`carrot.logs.write.insert_logs`, :func:`carrot.logs.write.update_logs`) and read back equal.
PostgreSQL refuses NUL in ``text`` and ``jsonb``; a refused result used to make its task loop.

The database is not rolled back between hypothesis examples, so each example deletes its rows.
"""

import uuid

import pytest
from django.db import connection
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from carrot.errors import SerializationError
from carrot.logs.runs import RESULT_FIELDS
from carrot.logs.write import COPY_FROM, insert_logs, update_logs
from carrot.models import MessageLog
from carrot.values import encode_arguments, storable_json, storable_text

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(120)]

SAVING = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

TEXT = st.text(
    st.one_of(st.characters(codec="utf-8"), st.just("\x00"), st.sampled_from("\U0001f600\U00010348\t\n\\\r,"))
)
"""Any text UTF-8 can carry (hypothesis leaves lone surrogates out), NUL and non-BMP characters often."""
SURROGATE_TEXT = st.text(st.characters())
"""Text as Python may hold it: ``characters()`` includes lone surrogates, which come from
``surrogateescape`` (an undecodable file name, for one)."""


def log_entries(text):
    entry = st.fixed_dictionaries(
        {"time": text, "level": text, "levelno": st.integers(0, 50), "logger": text, "message": text},
        optional={
            "extra": st.dictionaries(
                text, st.one_of(st.none(), st.booleans(), st.integers(-(2**53), 2**53), text), max_size=3
            )
        },
    )
    return st.lists(st.one_of(entry, st.dictionaries(text, text, max_size=3)), max_size=4)


def task_results(text):
    return st.fixed_dictionaries(
        {
            "succeeded": st.booleans(),
            "output": text,
            "exception": text,
            "traceback": text,
            "log": log_entries(text),
            "args": st.lists(st.one_of(text, st.integers(-(2**53), 2**53)), max_size=3),
            "kwargs": st.dictionaries(text, text, max_size=3),
        }
    )


def new_log(result):
    """A log as the consumer makes one for a message published without it (values made storable)."""
    return MessageLog(
        uuid=str(uuid.uuid4()),
        task="tests.tasks.noop",
        task_args=storable_json(result["args"]),
        content=storable_json(result["kwargs"]),
        queue="default",
        routing_key="default",
        publish_time=timezone.now(),
    )


def finish(log, result):
    """The result of a run, as the runner and ``results.finish`` put it in the log."""
    now = timezone.now()
    log.start_time, log.attempts, log.worker = now, 1, "host:1:default-1"
    log.log = storable_json(result["log"])
    if result["succeeded"]:
        log.status, log.completion_time, log.output = (
            MessageLog.COMPLETED,
            now,
            storable_text(result["output"]),
        )
    else:
        log.status, log.failure_time = MessageLog.FAILED, now
        log.exception = storable_text(result["exception"])
        log.traceback = storable_text(result["traceback"])


def expected(result):
    succeeded = result["succeeded"]
    return {
        "status": MessageLog.COMPLETED if succeeded else MessageLog.FAILED,
        "task_args": storable_json(result["args"]),
        "content": storable_json(result["kwargs"]),
        "output": storable_text(result["output"]) if succeeded else "",
        "exception": "" if succeeded else storable_text(result["exception"]),
        "traceback": "" if succeeded else storable_text(result["traceback"]),
        "log": storable_json(result["log"]),
    }


def stored(pk):
    log = MessageLog.objects.get(pk=pk)
    return {
        name: getattr(log, name)
        for name in ["status", "task_args", "content", "output", "exception", "traceback", "log"]
    }


def save_and_read_back(results):
    """Insert a log per result, save each run's result, and compare what the database gives back."""
    logs = [new_log(result) for result in results]
    try:
        insert_logs(logs)
        assert all(log.pk is not None for log in logs)
        for log, result in zip(logs, results, strict=True):
            finish(log, result)
        update_logs(logs, RESULT_FIELDS)
        for log, result in zip(logs, results, strict=True):
            saved = stored(log.pk)
            assert saved == expected(result)
            assert "\x00" not in repr(saved)
    finally:
        MessageLog.objects.filter(uuid__in=[log.uuid for log in logs]).delete()


@SAVING
@given(results=st.lists(task_results(TEXT), min_size=1, max_size=3))
@example(
    results=[
        {
            "succeeded": False,
            "output": "",
            "exception": "ValueError: \x00",
            "traceback": 'Traceback (most recent call last):\n  File "x\x00y"\n\\N\t\\.',
            "log": [
                {"time": "t", "level": "INFO", "levelno": 20, "logger": "a\x00", "message": "\U0001f600\x00"}
            ],
            "args": ["\x00"],
            "kwargs": {"\x00": "\x00\\u0000"},
        }
    ]
)
def test_any_task_result_made_storable_is_saved_and_read_back_equal(results):
    save_and_read_back(results)


@settings(SAVING, max_examples=10)
@given(result=task_results(TEXT))
def test_results_saved_in_one_batch_large_enough_for_copy_read_back_equal(result):
    """From COPY_FROM rows PostgreSQL's insert takes the ``COPY`` path, whose text format escapes
    backslashes, tabs and newlines itself."""
    save_and_read_back([result] * COPY_FROM)


@settings(max_examples=25, deadline=None)
@given(result=task_results(SURROGATE_TEXT))
@example(
    result={
        "succeeded": True,
        "output": "b'\\xff' decoded with surrogateescape: \udcff",
        "exception": "",
        "traceback": "",
        "log": [],
        "args": [],
        "kwargs": {},
    }
)
def test_a_task_result_with_lone_surrogates_is_saved_once_made_storable(result):
    """A task that logs or returns a file name read with ``surrogateescape`` holds lone surrogates,
    which neither database's UTF-8 can store: made storable, the result must still be saved."""
    save_and_read_back([result])


def test_the_database_is_the_one_asked_for():
    assert connection.vendor in ("sqlite", "postgresql")


ARGUMENT_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(2**53), 2**53), SURROGATE_TEXT),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(SURROGATE_TEXT, children, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=50, deadline=None)
@given(
    args=st.lists(ARGUMENT_VALUES, max_size=3),
    kwargs=st.dictionaries(SURROGATE_TEXT, ARGUMENT_VALUES, max_size=3),
)
@example(args=["\udcff"], kwargs={})
def test_arguments_encode_arguments_accepts_are_stored_in_the_log_as_publishing_writes_it(args, kwargs):
    """Publishing checks arguments with encode_arguments, then writes them raw in the log: what the
    check lets through must be storable (else publish_message fails with a database error, not a
    SerializationError, or the log is never written)."""
    try:
        encode_arguments(args, kwargs)
    except SerializationError:
        return
    log = MessageLog(uuid=str(uuid.uuid4()), task="tests.tasks.noop", task_args=args, content=kwargs)
    try:
        insert_logs([log])
        saved = MessageLog.objects.get(pk=log.pk)
        assert (saved.task_args, saved.content) == (args, kwargs)
    finally:
        MessageLog.objects.filter(uuid=log.uuid).delete()
