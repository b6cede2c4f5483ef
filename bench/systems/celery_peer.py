"""Celery 5 with django-celery-results (one ``TaskResult`` row per task) on the same RabbitMQ.

Run in ``bench/.venvs/celery``. Queue settings match the carrot systems: a durable queue with
``x-max-priority`` of ``BENCH_MAX_PRIORITY``, ``BENCH_PREFETCH`` messages per worker process/thread
(``worker_prefetch_multiplier``), acks after the task (``acks_late``).
"""

from __future__ import annotations

import datetime
import os
from typing import Any

import common
import noop_task

_app: Any = None


def setup(confirm: bool = False) -> Any:
    """Configure Django and return the Celery app with the no-op task registered as ``noop``.

    With ``DJANGO_SETTINGS_MODULE`` in the environment, as Celery's Django guide says
    (:func:`guide_app`); otherwise with ``settings.configure`` and no Django fixup, as the publish and
    drain benchmarks measured it. With ``confirm``, py-amqp waits for the broker's confirm of each
    publish (``confirm_publish``).
    """
    global _app
    if _app is None:
        _app = guide_app() if os.environ.get("DJANGO_SETTINGS_MODULE") else _configured_app(confirm)
        _app.task(name="noop")(noop_task.noop)
    return _app


def guide_app() -> Any:
    """The app as Celery's Django guide sets it up: the settings module :mod:`celery_settings` (unless
    ``DJANGO_SETTINGS_MODULE`` names another), ``CELERY_``-prefixed settings, and the Django fixup."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "celery_settings")
    import django
    from celery import Celery

    app = Celery("bench")
    app.config_from_object("django.conf:settings", namespace="CELERY")
    django.setup()  # as manage.py does; the worker's fixup does it too
    return app


def _configured_app(confirm: bool) -> Any:
    common.configure_django(
        ["django.contrib.contenttypes", "django.contrib.auth", "django_celery_results"],
        CELERY_RESULT_BACKEND="django-db",
    )
    from celery import Celery
    from kombu import Queue

    app = Celery("bench")
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(
        broker_url=common.broker_url(),
        result_backend="django-db",
        task_queues=[Queue(common.QUEUE, durable=True, queue_arguments=common.queue_arguments())],
        task_default_queue=common.QUEUE,
        task_acks_late=True,
        worker_prefetch_multiplier=common.prefetch(),
        worker_hijack_root_logger=False,
        broker_connection_retry_on_startup=True,
        broker_transport_options={"confirm_publish": confirm},
    )
    return app


def send_one() -> Any:
    return setup().tasks["noop"].apply_async(common.PAYLOAD_ARGS, common.PAYLOAD_KWARGS)


def publish(count: int) -> dict[str, float]:
    return common.timed_rate(count, send_one)


def fill(count: int) -> None:
    for _ in range(count):
        send_one()


def completed() -> int:
    from django_celery_results.models import TaskResult

    return TaskResult.objects.filter(status="SUCCESS").count()


def completion_times() -> tuple[datetime.datetime, datetime.datetime]:
    from django.db.models import Max, Min
    from django_celery_results.models import TaskResult

    span = TaskResult.objects.filter(status="SUCCESS").aggregate(
        first=Min("date_done"), last=Max("date_done")
    )
    return span["first"], span["last"]


def consumers() -> int:
    """The consumers RabbitMQ lists on the queue (0 while it does not exist yet)."""
    from amqp.exceptions import NotFound

    with setup().connection_for_read() as connection:
        try:
            return connection.default_channel.queue_declare(common.QUEUE, passive=True).consumer_count
        except NotFound:
            return 0


def consume(pool: str, concurrency: int) -> None:
    """A Celery worker on the queue with the given pool (``threads`` or ``prefork``)."""
    setup().worker_main(
        [
            "worker",
            f"--hostname=worker{os.getpid()}@%h",  # several workers on one host: several names
            f"--pool={pool}",
            f"--concurrency={concurrency}",
            f"--queues={common.QUEUE}",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=WARNING",
        ]
    )


def main() -> None:
    options = common.arguments(["publish", "fill", "drain", "consume"])
    setup(options.confirm)
    if options.action == "consume":
        consume(options.pool, options.concurrency)
        return
    common.migrate()
    if options.action == "publish":
        common.emit(**publish(options.n))
    elif options.action == "fill":
        fill(options.n)
        common.emit(n=options.n)
    else:
        consume_cmd = [
            "celery_peer.py",
            "consume",
            "--pool",
            options.pool,
            "--concurrency",
            str(options.concurrency),
        ]
        drained = common.drain(
            consume_cmd, options.n, completed, completion_times, options.processes, consumers
        )
        common.emit(**drained)


if __name__ == "__main__":
    main()
