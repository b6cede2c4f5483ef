"""Django 2.2 settings of the django-carrot 1.5 project: this run's vhost, the database the test names.

``USE_TZ`` is off: Django 2.2 rejects psycopg2 2.9's connections with it ("database connection isn't
set to UTC"). Times are then stored as naive UTC, which PostgreSQL reads as UTC (``TIME_ZONE``).
"""

from tests.upgrade import fleet

SECRET_KEY = "tests-only"
USE_TZ = False
TIME_ZONE = "UTC"
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "carrot",
    "tests.upgrade.onefive",
]
DATABASES = {"default": fleet.database()}
CARROT = {
    "default_broker": fleet.broker_url(),
    "queues": [{"name": fleet.QUEUE, "host": fleet.broker_url(), "concurrency": 2}],
    "task_modules": ["tests.upgrade.onefive.tasks"],
}
