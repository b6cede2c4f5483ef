"""Celery 5 with django-celery-results (one ``TaskResult`` row per task) on the same RabbitMQ.

Run in ``bench/.venvs/celery``. Queue settings match the carrot systems: a durable queue with
``x-max-priority`` of ``BENCH_MAX_PRIORITY``, ``BENCH_PREFETCH`` messages per worker process/thread
(``worker_prefetch_multiplier``), acks after the task (``acks_late``).
"""

from __future__ import annotations

from typing import Any

import common

_app: Any = None


def setup(confirm: bool = False) -> Any:
    """Configure Django and return the Celery app with the no-op task registered as ``noop``.

    With ``confirm``, py-amqp waits for the broker's confirm of each publish (``confirm_publish``).
    """
    global _app
    if _app is not None:
        return _app
    common.configure_django(
        ["django.contrib.contenttypes", "django.contrib.auth", "django_celery_results"],
        CELERY_RESULT_BACKEND="django-db",
    )
    import noop_task
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
    app.task(name="noop")(noop_task.noop)
    _app = app
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


def completion_span() -> float:
    from django.db.models import Max, Min
    from django_celery_results.models import TaskResult

    span = TaskResult.objects.filter(status="SUCCESS").aggregate(
        first=Min("date_done"), last=Max("date_done")
    )
    return (span["last"] - span["first"]).total_seconds()


def consume(pool: str, concurrency: int) -> None:
    """A Celery worker on the queue with the given pool (``threads`` or ``prefork``)."""
    setup().worker_main(
        [
            "worker",
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
        common.emit(**common.drain(consume_cmd, options.n, completed, completion_span))


if __name__ == "__main__":
    main()
