"""The test settings with carrot's tables in a database of their own, chosen by a router.

``default`` is an SQLite database without any of carrot's tables, so a statement of carrot's that
ignored the routers fails ("no such table"). ``carrot`` is the database under test (``CARROT_TEST_DB``):
on PostgreSQL the two databases are even of different vendors.
"""

import os
import tempfile

from tests.settings import *  # noqa: F403
from tests.settings import DATABASES, RUN

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": ":memory:",
        "TEST": {"NAME": os.path.join(tempfile.gettempdir(), f"carrot-test-{RUN}-default.sqlite3")},
        "OPTIONS": {"timeout": 30},
    },
    "carrot": DATABASES["default"],
}
DATABASE_ROUTERS = ["tests.routed.router.CarrotRouter"]
