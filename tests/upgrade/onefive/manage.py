"""``manage.py`` of the django-carrot 1.5 project; run it with ``bench/.venvs/carrot15/bin/python``.

Django 2.2 and pika 0.13 use the ``collections`` ABC aliases that Python 3.10 removed: they are
restored before either is imported. The repository goes at the end of ``sys.path``, so ``carrot`` is
the 1.5 release installed in the venv, never this checkout's.

1.5's ``carrot`` command reads the command line of every process on the machine to warn about another
running service, and crashes when one of them ends meanwhile (psutil's ``NoSuchProcess`` or
``ZombieProcess``, e.g. a test process of another run). That warning is switched off here: it would
make the tests fail at random on a busy machine.
"""

import collections
import collections.abc
import os
import sys
from pathlib import Path

for _name in ("Callable", "Mapping", "MutableMapping", "Sequence", "Iterable", "Iterator", "Set"):
    setattr(collections, _name, getattr(collections.abc, _name))

HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p).resolve() != HERE]  # its modules have package paths only
sys.path.append(str(HERE.parents[2]))
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.upgrade.onefive.settings"

import psutil  # noqa: E402
from django.core.management import execute_from_command_line  # noqa: E402

psutil.process_iter = lambda *args, **kwargs: iter(())

execute_from_command_line(sys.argv)
