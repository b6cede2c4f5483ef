"""Our settings for the switch tests: the test suite's, on the database the test names and its queue."""

from tests.settings import *  # noqa: F403
from tests.settings import CARROT
from tests.upgrade import fleet

DATABASES = {"default": fleet.database()}
CARROT = {
    **CARROT,
    "queues": [{"name": fleet.QUEUE, "concurrency": 2}],
    "task_modules": ["tests.upgrade.onefive.tasks"],
    "failure_callbacks": [],
}
