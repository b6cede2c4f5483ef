"""The monitor-tabs benchmark's Django site: a public monitor, as 1.x's default, on the run's database.

Run in ``bench/.venvs/ours`` as ``python bench/systems/monitor_tabs_site.py <action>`` with ``BENCH_DB``
naming the run's database and ``BENCH_BROKER`` the broker URL the monitor uses (the counting proxy):

* ``prepare``: create the tables, and declare the queues on the run's vhost (directly, not through
  the proxy) with :data:`WAITING` messages in each;
* ``serve --port P``: Django's development server on 127.0.0.1:P as ``runserver --noreload`` runs
  it (``basehttp.run`` with a thread per request). ``/carrot/`` is the monitor, public, anonymous
  visitors read-only (``anonymous_role: "viewer"``, the default).
"""

from __future__ import annotations

import argparse
import os

import common
from django.core.servers import basehttp

QUEUES = ("default", "emails", "reports")
"""The declared queues: each monitor tab asks for the state of every one."""
WAITING = {"default": 10, "emails": 20, "reports": 30}
"""Messages put in each queue before the run: what every tab must see."""


def setup() -> None:
    common.configure_django(
        [
            "django.contrib.contenttypes",
            "django.contrib.auth",
            "django.contrib.sessions",
            "django.contrib.staticfiles",
            "graphene_django",
            "carrot",
        ],
        ROOT_URLCONF="monitor_urls",
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        MIDDLEWARE=[
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
        ],
        TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}],
        STATIC_URL="/static/",
        CARROT={
            "default_broker": os.environ["BENCH_BROKER"],
            "queues": [{"name": name} for name in QUEUES],
            "scheduler_enabled": False,
        },
    )


def fill_queues() -> None:
    from carrot import broker
    from carrot.broker_url import BrokerURL
    from carrot.conf import QueueSettings

    direct = BrokerURL(common.broker_url())
    connection = broker.connect(direct)
    try:
        for name, count in WAITING.items():
            broker.declare_queue(connection, QueueSettings(name=name, broker=direct))
            channel = connection.channel()
            for _ in range(count):
                channel.basic_publish(exchange="", routing_key=name, body=b"{}")
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["prepare", "serve"])
    parser.add_argument("--port", type=int, default=8765)
    options = parser.parse_args()
    setup()
    if options.action == "prepare":
        common.migrate()
        fill_queues()
        common.emit(waiting=WAITING)
    else:
        from django.core.wsgi import get_wsgi_application

        basehttp.run("127.0.0.1", options.port, get_wsgi_application(), threading=True)


if __name__ == "__main__":
    main()
