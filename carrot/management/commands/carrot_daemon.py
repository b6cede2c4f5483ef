"""``manage.py carrot_daemon start|stop|restart|status``: the service, detached, with a pid file."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from carrot import daemon
from carrot.management.commands.carrot import add_service_arguments


class Command(BaseCommand):
    help = "Start, stop, restart or query the carrot service running in the background."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=("start", "stop", "restart", "status"))
        parser.add_argument("-p", "--pidfile", default=daemon.DEFAULT_PIDFILE)
        parser.add_argument(
            "--timeout", type=float, default=60.0, help="Seconds stop waits for running tasks."
        )
        parser.add_argument(
            "--hard",
            action="store_true",
            help="stop/restart: kill the service at once (SIGKILL); its running tasks run again later.",
        )
        add_service_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        pidfile = Path(options["pidfile"]).resolve()
        action = options["action"]
        try:
            if action == "status":
                pid = daemon.read_pid(pidfile)
                if pid is None:
                    raise CommandError(f"carrot is not running (pid file {pidfile}).", returncode=3)
                self.stdout.write(f"carrot is running with pid {pid}")
                return
            if action in ("stop", "restart"):
                pid = daemon.stop(pidfile, options["timeout"], hard=options["hard"])
                self.stdout.write(f"carrot (pid {pid}) stopped")
            if action in ("start", "restart"):
                self._start(pidfile, options)
        except daemon.DaemonError as exc:
            raise CommandError(str(exc)) from None

    def _start(self, pidfile: Path, options: dict[str, Any]) -> None:
        logfile = Path(options["logfile"] or daemon.DEFAULT_LOGFILE).resolve()
        service_args = ["--loglevel", options["loglevel"]]
        if options["no_scheduler"]:
            service_args.append("--no-scheduler")
        pid = daemon.start(pidfile, logfile, service_args)
        self.stdout.write(f"carrot started with pid {pid}, logging to {logfile}")
