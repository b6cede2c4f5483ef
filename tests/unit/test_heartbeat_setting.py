"""``CARROT['heartbeat_seconds']``: its default, and each bad value refused with its key."""

import pytest

from carrot import conf


def test_the_default_is_five_seconds_and_a_value_in_range_is_taken():
    assert conf.parse({})[0].heartbeat_seconds == 5.0
    parsed, found = conf.parse({"heartbeat_seconds": 2})
    assert (found, parsed.heartbeat_seconds) == ([], 2.0)


@pytest.mark.parametrize("value", [0, 0.4, 301, -1, float("nan"), "5", True])
def test_a_bad_value_is_refused_with_its_key(value):
    parsed, found = conf.parse({"heartbeat_seconds": value})
    assert [key for key, _ in found] == ["CARROT['heartbeat_seconds']"]
    assert parsed.heartbeat_seconds == 5.0
