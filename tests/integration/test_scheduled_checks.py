"""create_scheduled_task checks what it stores: arguments against the signature, the interval range."""

import pytest

from carrot.arguments import ArgumentError
from carrot.errors import CarrotError, UnknownTaskError
from carrot.models import ScheduledTask
from carrot.utilities import create_scheduled_task
from tests import tasks

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("task_args", "kwargs", "fragment"),
    [
        ((1, 2), {"c": 3}, "no keyword argument 'c'"),
        ((1,), {}, "required argument 'b' is missing"),
        ((1, 2, 3), {}, "Too many positional arguments: at most 2, got 3"),
    ],
)
def test_arguments_the_task_does_not_take_are_refused_and_nothing_is_stored(task_args, kwargs, fragment):
    with pytest.raises(ArgumentError, match=fragment):
        create_scheduled_task(tasks.add, {"minutes": 5}, task_args=task_args, **kwargs)
    assert not ScheduledTask.objects.exists()


def test_every_argument_that_does_not_fit_is_named_in_one_error_as_the_docs_show():
    with pytest.raises(ArgumentError) as refused:
        create_scheduled_task("tests.tasks.add", {"minutes": 5}, task_args=(1,), c=3)
    assert str(refused.value) == (
        "kwargs: The task takes no keyword argument 'c'. It takes (a, b). "
        "args: The required argument 'b' is missing. It takes (a, b)."
    )


def test_a_task_taking_kwargs_accepts_any_keyword():
    scheduled = create_scheduled_task(
        tasks.spawn, {"minutes": 5}, task_args=("tests.tasks.noop",), colour="red"
    )
    assert scheduled.content == {"colour": "red"}


def test_an_update_by_name_with_bad_arguments_keeps_the_stored_task():
    create_scheduled_task(tasks.add, {"minutes": 5}, task_name="sums", task_args=(1, 2))
    with pytest.raises(ArgumentError, match="no keyword argument 'c'"):
        create_scheduled_task(tasks.add, {"minutes": 5}, task_name="sums", task_args=(1, 2), c=3)
    assert ScheduledTask.objects.get(task_name="sums").content == {}


def test_a_task_that_cannot_be_imported_is_refused_as_publish_refuses_it():
    with pytest.raises(UnknownTaskError, match="not registered"):
        create_scheduled_task("tests.tasks.gone", {"minutes": 5})


@pytest.mark.parametrize(
    ("interval", "fragment"),
    [
        ({"seconds": 0}, "from 1 to 31536000 seconds"),
        ({"minutes": -5}, "from 1 to 525600 minutes"),
        ({"hours": 8761}, "from 1 to 8760 hours"),
        ({"days": True}, "interval must be"),  # not a count of 1
    ],
)
def test_an_interval_out_of_range_is_refused_not_stored_as_another(interval, fragment):
    with pytest.raises(CarrotError, match=fragment):
        create_scheduled_task(tasks.noop, interval)
    assert not ScheduledTask.objects.exists()


def test_the_longest_interval_is_a_year():
    assert create_scheduled_task(tasks.noop, {"days": 365}).interval_count == 365
