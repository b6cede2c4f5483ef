"""carrot with its tables in a database of their own, chosen by Django's database routers.

The scenario runs in a pytest of its own (its settings differ: two databases and a router) against the
same broker, with the database under test (``CARROT_TEST_DB``) as carrot's.
"""

import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIO = os.path.join(HERE, "scenario.py")
ROOT = os.path.dirname(os.path.dirname(HERE))


def test_every_write_read_and_transaction_of_carrot_follows_the_routers():
    env = {key: value for key, value in os.environ.items() if key != "CARROT_TEST_RUN"}  # its own vhost
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--ds", "tests.routed.settings", SCENARIO],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
    assert re.search(r"^4 passed", done.stdout, re.M), done.stdout[-2000:]  # all ran, none skipped
