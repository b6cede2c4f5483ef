"""The monitor benchmark's Django site: this checkout's monitor plus a stock graphene-django API.

Run in ``bench/.venvs/ours`` as ``python bench/systems/monitor_site.py <action>`` with ``BENCH_DB``
naming a PostgreSQL database (``postgres:<name>``):

* ``migrate``: create the tables (carrot's migrations, auth, sessions);
* ``session``: a staff user logged in; prints the session cookie and the keyset cursors the
  benchmark pages from (the log 10,000 rows deep in each tab);
* ``serve --port P``: Django's development server (``basehttp``, as ``runserver --noreload
  --insecure`` uses it, static files served) with a pool of 4 request threads keeping their database
  connections, on 127.0.0.1:P (see :class:`PooledServer`). ``/carrot/`` is the monitor behind
  ``login_required`` as a project mounts it; ``/stock/graphql`` is the stock schema of
  :mod:`monitor_stock`.
"""

from __future__ import annotations

import argparse
import socket
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import common
from django.core.servers import basehttp

THREADS = 4
"""Request threads of the server, each keeping its database connection (``CONN_MAX_AGE``)."""
DEEP = 10_000
"""How deep the deep page starts: the cursor names the log at this position in its tab."""
TABS = ("queued", "failed", "completed")
"""The tabs whose deep pages are timed (carrot's status groups)."""


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
        LOGIN_URL="/accounts/login/",
        CARROT={
            "default_broker": "amqp://guest:guest@127.0.0.1:5672/%2F",
            "monitor_authentication": ["django.contrib.auth.decorators.login_required"],
            "scheduler_enabled": False,
        },
        GRAPHENE={"RELAY_CONNECTION_MAX_LIMIT": 200},
    )
    from django.conf import settings

    settings.DATABASES["default"]["CONN_MAX_AGE"] = 600  # read when the first connection opens


def session() -> dict[str, Any]:
    """Log a staff user in (as the login page would) and find the deep pages' cursors."""
    from django.contrib.auth.models import User
    from django.test import Client

    from carrot.logs.queries import TaskFilter, order_of
    from carrot.models import MessageLog

    user, _ = User.objects.get_or_create(username="bench", defaults={"is_staff": True, "is_superuser": True})
    client = Client()
    client.force_login(user)
    cursors = {}
    for group in TABS:  # the cursor of each tab's DEEP-th log, in the tab's own order
        tab = TaskFilter(group=group)
        order = order_of(tab)
        deep = tab.apply(MessageLog.objects.all()).order_by(*order.fields)[DEEP - 1 : DEEP]
        cursors[group] = order.encode(deep[0]) if deep else None
    return {"sessionid": client.cookies["sessionid"].value, "cursors": cursors, "deep": DEEP}


class PooledServer(basehttp.WSGIServer):
    """Django's development server with a fixed pool of threads and Nagle's algorithm off.

    ``runserver`` starts a thread per request, so every request opens a new database connection;
    a production server (gunicorn's threads, uWSGI) reuses its threads and, with ``CONN_MAX_AGE``,
    their connections, as this pool does. Not being a ``ThreadingMixIn``, it answers with
    ``Connection: close``, so a keep-alive client never pins a thread. ``wsgiref`` writes a response's
    headers and body in separate ``send`` calls: with Nagle on, the body would wait for the client's
    delayed ACK (40 ms on Linux); production servers send with ``TCP_NODELAY`` as this one does.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pool = ThreadPoolExecutor(THREADS, thread_name_prefix="request")

    def get_request(self) -> tuple[socket.socket, Any]:
        connection, address = super().get_request()
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return connection, address

    def process_request(self, request: Any, client_address: Any) -> None:
        self.pool.submit(self._handle, request, client_address)

    def _handle(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)


def serve(port: int) -> None:
    """The site on 127.0.0.1:``port`` with static files, as ``runserver --noreload --insecure`` serves it."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.wsgi import get_wsgi_application

    handler = StaticFilesHandler(get_wsgi_application())
    basehttp.run("127.0.0.1", port, handler, server_cls=PooledServer)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["migrate", "session", "serve"])
    parser.add_argument("--port", type=int, default=8765)
    options = parser.parse_args()
    setup()
    if options.action == "migrate":
        common.migrate()
        common.emit(migrated=True)
    elif options.action == "session":
        common.emit(**session())
    else:
        serve(options.port)


if __name__ == "__main__":
    main()
