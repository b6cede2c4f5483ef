import os
import subprocess
import sys
import textwrap

import pytest

from carrot import registry
from carrot.errors import UnknownTaskError
from tests import tasks


def test_task_modules_register_their_public_functions():
    found = registry.registered_tasks()
    assert "tests.tasks.add" in found
    assert "tests.tasks._private" not in found
    assert "tests.tasks.Path" not in found  # imported, not defined there


def test_resolve_and_path_of():
    assert registry.resolve("tests.tasks.add") is tasks.add
    assert registry.path_of(tasks.add) == "tests.tasks.add"


@pytest.mark.parametrize("path", ["os.system", "tests.tasks._private", "nope", "builtins.eval"])
def test_unregistered_paths_are_refused_and_say_how_to_register(path):
    with pytest.raises(UnknownTaskError, match="task_modules"):
        registry.resolve(path)


def test_decorator_registers_a_function_outside_task_modules():
    @registry.task
    def local_task():
        return 1

    path = registry.task_path(local_task)
    assert registry.resolve(path) is local_task


def run_fresh_process(script, timeout=30, **env):
    """Run ``script`` in a new Python with the test settings set up but no system checks run."""
    prologue = "import django\ndjango.setup()\n"
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "CARROT_TEST_SUBPROCESS": "1"}
    try:
        return subprocess.run(
            [sys.executable, "-c", prologue + textwrap.dedent(script)],
            env={**environment, **env},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(
            f"the process hung (a deadlock?) for {timeout}s; it wrote: {exc.stderr}"
        ) from None


def test_a_decorated_task_module_resolves_in_a_process_that_never_ran_the_checks():
    result = run_fresh_process(
        """
        from carrot import registry
        print(registry.resolve("tests.decorated_tasks.shout")("ok"))
        print(registry.path_of("tests.decorated_tasks.shout"))  # what publishing validates with
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["OK", "tests.decorated_tasks.shout"]


def test_first_use_while_another_thread_imports_a_decorated_task_module(tmp_path):
    """One thread imports a task module (holding its import lock) while another looks up a task."""
    (tmp_path / "slow_tasks.py").write_text(
        "import time\nfrom carrot.registry import task\n"
        "time.sleep(0.5)  # the other thread asks the registry meanwhile\n"
        "@task\ndef slow():\n    return 'slow'\n"
    )
    (tmp_path / "slow_settings.py").write_text(
        "from tests.settings import *  # noqa\n"
        "CARROT = {**CARROT, 'task_modules': [*CARROT['task_modules'], 'slow_tasks']}\n"
    )
    result = run_fresh_process(
        """
        import importlib, threading, time
        from carrot import registry
        importer = threading.Thread(target=importlib.import_module, args=("slow_tasks",))
        importer.start()
        time.sleep(0.1)
        lookups = []
        threads = [
            threading.Thread(target=lambda: lookups.append(registry.resolve("slow_tasks.slow")()))
            for _ in range(4)
        ]
        for thread in threads:
            thread.start()
        for thread in [importer, *threads]:
            thread.join()
        print(lookups)
        """,
        DJANGO_SETTINGS_MODULE="slow_settings",
        PYTHONPATH=os.pathsep.join([str(tmp_path), os.getcwd()]),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(["slow"] * 4)
