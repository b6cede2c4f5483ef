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
