"""The retry and time-limit settings and ``@task(...)`` options: defaults, and each bad value refused."""

import pytest

from carrot import conf, registry
from carrot.errors import CarrotError


def problems(raw):
    return dict(conf.parse(raw)[1])


def test_defaults_retry_nothing_and_limit_nothing():
    parsed, found = conf.parse({})
    assert found == []
    assert (parsed.max_retries, parsed.retry_backoff, parsed.retry_backoff_max) == (0, 5.0, 600.0)
    assert (parsed.time_limit, parsed.scheduler_catch_up) == (None, False)


def test_valid_values_are_taken():
    raw = {
        "max_retries": 3,
        "retry_backoff": 1,
        "retry_backoff_max": 30,
        "time_limit": 90,
        "scheduler_catch_up": True,
    }
    parsed, found = conf.parse(raw)
    assert found == []
    assert (parsed.max_retries, parsed.retry_backoff, parsed.retry_backoff_max) == (3, 1.0, 30.0)
    assert (parsed.time_limit, parsed.scheduler_catch_up) == (90.0, True)


@pytest.mark.parametrize(
    ("raw", "key", "fragment"),
    [
        ({"max_retries": -1}, "CARROT['max_retries']", "from 0 to 1000"),
        ({"max_retries": 1001}, "CARROT['max_retries']", "from 0 to 1000"),
        ({"max_retries": True}, "CARROT['max_retries']", "must be int"),
        ({"retry_backoff": 0}, "CARROT['retry_backoff']", "more than 0"),
        (
            {"retry_backoff": 10, "retry_backoff_max": 5},
            "CARROT['retry_backoff_max']",
            "from retry_backoff (10)",
        ),
        ({"time_limit": 0}, "CARROT['time_limit']", "more than 0"),
        ({"time_limit": "60"}, "CARROT['time_limit']", "more than 0"),
        ({"scheduler_catch_up": "yes"}, "CARROT['scheduler_catch_up']", "must be bool"),
    ],
)
def test_bad_values_name_their_key(raw, key, fragment):
    assert fragment in problems(raw)[key]


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        ({"max_retries": -1}, "max_retries must be an integer from 0 to 1000"),
        ({"max_retries": 1.5}, "max_retries must be an integer"),
        ({"time_limit": 0}, "time_limit must be seconds"),
        ({"retry_backoff": -2}, "retry_backoff must be seconds"),
        ({"retry_on": ValueError}, "retry_on must be a tuple of exception classes"),
        ({"retry_on": (int,)}, "retry_on must be a tuple of exception classes"),
        ({"retries": 3}, "unknown option 'retries'"),
    ],
)
def test_bad_task_options_are_refused_before_registering(options, fragment):
    with pytest.raises(CarrotError, match=fragment):
        registry.task(**options)


def test_task_options_override_the_settings_and_the_rest_default_to_them():
    @registry.task(max_retries=2, time_limit=5, retry_on=(KeyError,))
    def tidy():
        """A task with options."""

    options = registry.options(registry.task_path(tidy))
    assert (options.max_retries, options.time_limit, options.retry_on) == (2, 5, (KeyError,))
    assert (options.retry_backoff, options.retry_backoff_max) == (5.0, 600.0)
