"""The test suite's settings, with the 1.x database of an import test as the ``DATABASES`` alias ``onex``.

The test passes the alias's entry as JSON in ``CARROT_TEST_1X_DATABASE``.
"""

import json
import os

from tests.settings import *  # noqa: F403
from tests.settings import DATABASES

DATABASES = {**DATABASES, "onex": json.loads(os.environ["CARROT_TEST_1X_DATABASE"])}
