"""Settings for the test suite: the real RabbitMQ and, by ``CARROT_TEST_DB``, SQLite or PostgreSQL.

Each run gets its own RabbitMQ virtual host (``CARROT_TEST_RUN``, inherited by the services the tests
start as subprocesses; made and deleted by ``tests/conftest.py``), so runs never see each other's
messages.
"""

import datetime
import os
import tempfile
import uuid

RUN = os.environ.setdefault("CARROT_TEST_RUN", uuid.uuid4().hex[:8])
ENGINE = os.environ.get("CARROT_TEST_DB", "sqlite")
IN_SUBPROCESS = os.environ.get("CARROT_TEST_SUBPROCESS") == "1"
VHOST = f"carrot-test-{RUN}"
PG_USER = os.environ.get("PGUSER", "postgres")
"""The PostgreSQL role of the tests; libpq's own variables (``PGUSER``, ``PGPASSWORD``), so psql, psycopg
and the services the tests start read the same login. A stock install refuses ``postgres`` over TCP
without a password: README.md says how to give it one."""
POSTGRES = {"host": "127.0.0.1", "port": 5432, "user": PG_USER}
"""How the tests' own psycopg connections reach the server (libpq adds ``PGPASSWORD`` itself)."""
BROKER = f"amqp://guest:guest@127.0.0.1:5672/{VHOST}"

SECRET_KEY = "tests-only"
DEBUG = False
USE_TZ = True
TIME_ZONE = "UTC"
ROOT_URLCONF = "tests.urls"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.staticfiles",
    "graphene_django",
    "carrot",
    # JWT for the GraphQL API (django-graphql-auth); see docs/api.rst.
    "graphql_auth",
    "graphql_jwt.refresh_token",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}]
STATIC_URL = "/static/"
LOGIN_URL = "/accounts/login/"
AUTHENTICATION_BACKENDS = [
    "graphql_auth.backends.GraphQLAuthBackend",
    "django.contrib.auth.backends.ModelBackend",
]
GRAPHQL_JWT = {
    "JWT_VERIFY_EXPIRATION": True,
    "JWT_EXPIRATION_DELTA": datetime.timedelta(minutes=5),
    "JWT_LONG_RUNNING_REFRESH_TOKEN": True,
    "JWT_REFRESH_EXPIRATION_DELTA": datetime.timedelta(days=7),
}

if ENGINE == "postgres":
    _test_name = f"test_carrot_{RUN}"
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "HOST": "127.0.0.1",
            "PORT": 5432,
            "USER": PG_USER,
            "PASSWORD": os.environ.get("PGPASSWORD", ""),
            "NAME": _test_name if IN_SUBPROCESS else "test",
            "TEST": {"NAME": _test_name},
        }
    }
else:
    _test_name = os.path.join(tempfile.gettempdir(), f"carrot-test-{RUN}.sqlite3")
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": _test_name if IN_SUBPROCESS else ":memory:",
            "OPTIONS": {"timeout": 30},
            "TEST": {"NAME": _test_name},
        }
    }


CARROT = {
    "default_broker": os.environ.get("CARROT_TEST_BROKER_OVERRIDE", BROKER),
    "queues": [
        {"name": "default", "concurrency": 2},
        {"name": "other", "concurrency": 1, "prefetch_count": 3},
        {"name": "idle", "consumable": False},
    ],
    "task_modules": ["tests.tasks", "tests.decorated_tasks", "tests.consumer_tasks"],
    "failure_callbacks": ["tests.tasks.record_failure"],
    "completed_log_retention_days": 3,
    # Most tests use the monitor as an anonymous operator; the role tests narrow this per test.
    "anonymous_role": "operator",
    # A subprocess test may shorten how long publishers ride out a broker outage.
    "publish_retry_seconds": float(os.environ.get("CARROT_TEST_PUBLISH_RETRY", "15")),
    # Services are shown lost after three silent heartbeats: three seconds here.
    "heartbeat_seconds": 1.0,
}
