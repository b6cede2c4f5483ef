"""The test settings with a consumer class written for django-carrot 1.x on the default queue."""

from tests.settings import *  # noqa: F403
from tests.settings import CARROT

CARROT = {
    **CARROT,
    "queues": [{"name": "default", "consumer_class": "tests.consumers.Consumer1x"}],
}
