"""Django settings for Celery as its Django guide sets it up, named by ``DJANGO_SETTINGS_MODULE``
(the delayed and scale-out benchmarks).

Celery's "First steps with Django" way: a settings module, ``CELERY_``-prefixed settings read with
``config_from_object("django.conf:settings", namespace="CELERY")``, and Celery's Django fixup
(installed because ``DJANGO_SETTINGS_MODULE`` is set), which sets Django up in the worker and closes
database connections around each task as Django's request cycle would. Broker and database are the
run's own (``BENCH_VHOST``, ``BENCH_DB``), as for every system; several broker nodes
(``BENCH_BROKER_NODES``) are Celery's failover list, and a quorum queue (``BENCH_QUEUE_TYPE``) is
declared with ``x-queue-type`` (Celery 5.5+ then sets the prefetch per consumer, as quorum queues need).
"""

from __future__ import annotations

import os
from typing import Any

import common
from kombu import Queue


def _databases() -> dict[str, Any]:
    """The run's database; SQLite in WAL mode, as for every system (``common.configure_django``)."""
    databases = common.databases()
    default = databases["default"]
    if default["ENGINE"].endswith("sqlite3"):
        default["OPTIONS"] = {**default["OPTIONS"], "init_command": "PRAGMA journal_mode=WAL"}
    return databases


DEBUG = False
USE_TZ = True
SECRET_KEY = "bench-only"
DATABASES = _databases()
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "django_celery_results"]
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
LOGGING_CONFIG = None

CELERY_BROKER_URL = ";".join(common.broker_urls())
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_RESULT_BACKEND = "django-db"
CELERY_TASK_QUEUES = [
    Queue(common.QUEUE, durable=True, queue_arguments=common.queue_arguments(with_type=True))
]
CELERY_TASK_DEFAULT_QUEUE = common.QUEUE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = common.prefetch()
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
if os.environ.get("BENCH_DB_REUSE") == "1":
    # The fixup closes the database connection before and after every task, whatever CONN_MAX_AGE
    # says (Celery 5.7), unless this is set: then once in this many tasks.
    CELERY_DB_REUSE_MAX = 1000
