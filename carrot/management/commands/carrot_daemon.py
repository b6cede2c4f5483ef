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
        parser.add_argument(
            "-p",
            "--pidfile",
            help=f"Default: {daemon.DEFAULT_PIDFILE} in the current directory; without it, stop, status "
            f"and restart also find a service started by django-carrot 1.x ({daemon.LEGACY_PIDFILE}).",
        )
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
        pidfile = Path(options["pidfile"] or daemon.DEFAULT_PIDFILE).resolve()
        action = options["action"]
        try:
            running = pidfile if action == "start" else self._running_pidfile(pidfile, options["pidfile"])
            if action == "status":
                pid = daemon.read_pid(running)
                if pid is None:
                    where = pidfile if options["pidfile"] else f"{pidfile}, nor 1.x's {daemon.LEGACY_PIDFILE}"
                    raise CommandError(f"carrot is not running (pid file {where}).", returncode=3)
                self.stdout.write(f"carrot is running with pid {pid}")
                return
            if action in ("stop", "restart"):
                pid = daemon.stop(running, options["timeout"], hard=options["hard"])
                self.stdout.write(f"carrot (pid {pid}) stopped")
            if action in ("start", "restart"):
                self._start(pidfile, options)
        except daemon.DaemonError as exc:
            raise CommandError(str(exc)) from None

    def _running_pidfile(self, pidfile: Path, option: str | None) -> Path:
        """The pid file of the running service: 1.x's default one when only it has a live pid."""
        found = pidfile if option else daemon.find_pidfile(pidfile)
        if found != pidfile:
            self.stdout.write(
                f"No carrot running from {pidfile}; using the pid file of django-carrot 1.x, {found}"
            )
        return found

    def _start(self, pidfile: Path, options: dict[str, Any]) -> None:
        logfile = Path(options["logfile"] or daemon.DEFAULT_LOGFILE).resolve()
        service_args = ["--loglevel", options["loglevel"]]
        if options["no_scheduler"]:
            service_args.append("--no-scheduler")
        pid = daemon.start(pidfile, logfile, service_args)
        self.stdout.write(f"carrot started with pid {pid}, logging to {logfile}")
