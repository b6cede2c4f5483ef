"""The example project: django-carrot on SQLite by default (PostgreSQL with CARROT_EXAMPLE_DB=postgres)."""

import datetime
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "example-only-not-for-production")
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "example.urls"
USE_TZ = True
TIME_ZONE = "UTC"
STATIC_URL = "/static/"
# Static files as in production (docs/static-files.rst): scripts/demo.sh runs collectstatic, which
# writes a .gz and a .br beside each file, and WhiteNoise serves the one the browser accepts. The plain
# storage, not the manifest one: with DEBUG on, Django links the unhashed names anyway.
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False  # with DEBUG on it would serve the apps' uncompressed files first
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "/admin/login/"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",  # runserver leaves static files to WhiteNoise
    "django.contrib.staticfiles",
    "graphene_django",
    "graphql_auth",  # JWT for GraphQL clients in other services (docs/api.rst)
    "graphql_jwt.refresh_token",
    "carrot",
    "demo",
]
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
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

if os.environ.get("CARROT_EXAMPLE_DB") == "postgres":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "HOST": "127.0.0.1",
            "USER": "postgres",
            "NAME": "carrot_example",
        }
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
            "OPTIONS": {"timeout": 30},
        }
    }

CARROT = {
    "default_broker": os.environ.get("CARROT_BROKER", "amqp://guest:guest@127.0.0.1:5672/%2F"),
    # The demo's own queues, so that on a shared broker it never takes another application's tasks;
    # "default" (every project has it: tasks published without a queue go there) is declared but not
    # consumed here, for the same reason.
    "queues": [
        {"name": "carrot-demo", "concurrency": 2},
        {"name": "carrot-demo-emails", "concurrency": 1},
        {"name": "default", "consumable": False},
    ],
    "task_modules": ["demo.tasks"],
    # The monitor is public by default, as in 1.x; uncomment to require a Django login:
    # "monitor_authentication": ["django.contrib.auth.decorators.login_required"],
    # A demo on your own machine: anyone who can open it may requeue, delete and purge. The default,
    # "viewer", lets anonymous visitors only look (docs/security.rst).
    "anonymous_role": "operator",
}
