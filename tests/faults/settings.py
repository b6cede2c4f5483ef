"""Settings of the fault suite's service and publisher subprocesses (``DJANGO_SETTINGS_MODULE``).

Everything of :mod:`tests.settings` (the run's database and RabbitMQ vhost), and:

- ``CARROT_FAULTS_BROKER_PORT``: reach RabbitMQ through a :class:`tests.faults.proxy.Proxy` on that port;
- ``CARROT_FAULTS_PG_PORT``: reach PostgreSQL through a proxy on that port (PostgreSQL runs only);
- short delivery settings, so that a relay, a retry or a give-up happens within a test's few seconds;
- ``tests.faults.tasks``, the tasks that keep their own ledger of runs.

The suite's own process uses :data:`CARROT` too (with the direct broker), through ``override_settings``.
"""

import copy
import os

from tests.settings import *  # noqa: F403
from tests.settings import BROKER, VHOST
from tests.settings import CARROT as BASE_CARROT
from tests.settings import DATABASES as BASE_DATABASES

_broker_port = os.environ.get("CARROT_FAULTS_BROKER_PORT")
FAULTS_BROKER = (
    f"amqp://guest:guest@127.0.0.1:{_broker_port}/{VHOST}"
    if _broker_port
    else os.environ.get("CARROT_TEST_BROKER_OVERRIDE", BROKER)
)

QUEUE = "default"
PUBLISH_RETRY_SECONDS = 4.0
"""Longer than the 2 s broker blip of the publish_many scenario: a blip shorter than the retry window is
the outage the contract says a publisher rides out."""
OUTBOX_RELAY_SECONDS = 5.0
MAX_DELIVERIES = 3

CARROT = {
    **BASE_CARROT,
    "default_broker": FAULTS_BROKER,
    "queues": [{"name": QUEUE, "concurrency": 2}],
    # Not the base list's other modules: a registry problem in one of them is not this suite's subject.
    "task_modules": ["tests.tasks", "tests.faults.tasks"],
    "failure_callbacks": [],
    "publish_retry_seconds": PUBLISH_RETRY_SECONDS,
    "outbox_relay_seconds": OUTBOX_RELAY_SECONDS,
    "max_deliveries": MAX_DELIVERIES,
}

DATABASES = copy.deepcopy(BASE_DATABASES)
_pg_port = os.environ.get("CARROT_FAULTS_PG_PORT")
if _pg_port and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["PORT"] = int(_pg_port)
