"""What the django-carrot 1.5 project and ours share during a switch: the broker, the queue, the database.

Pure Python, imported by the settings of both sides (1.5's runs on Django 2.2 in its own venv).
"""

import os

QUEUE = "switch"
"""The queue both versions publish to and consume; no other test uses it."""
DATABASE_VARIABLE = "CARROT_UPGRADE_DATABASE"
"""The environment variable that names the PostgreSQL database a side uses."""


def broker_url() -> str:
    """This test run's RabbitMQ virtual host (made by ``tests/conftest.py``)."""
    return f"amqp://guest:guest@127.0.0.1:5672/carrot-test-{os.environ['CARROT_TEST_RUN']}"


def database() -> dict:
    """The Django database settings of the database named by :data:`DATABASE_VARIABLE`."""
    return {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "127.0.0.1",
        "PORT": 5432,
        "USER": os.environ.get("PGUSER", "postgres"),
        "NAME": os.environ[DATABASE_VARIABLE],
    }
