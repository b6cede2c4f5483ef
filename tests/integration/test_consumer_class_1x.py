"""The service refuses to start with a consumer class written for django-carrot 1.x: it exits at
start-up with the check's message, instead of crashing in the consumer's ``__init__``."""

import subprocess
import sys

from tests.conftest import subprocess_env


def test_the_service_refuses_a_1x_consumer_class_with_the_way_to_2x():
    result = subprocess.run(
        [sys.executable, "-m", "django", "carrot"],
        env=subprocess_env(DJANGO_SETTINGS_MODULE="tests.settings_consumer_1x"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "carrot.E001" in result.stderr
    assert "tests.consumers.Consumer1x is written for django-carrot 1.x's Consumer" in result.stderr
    assert "CARROT['failure_callbacks']" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
