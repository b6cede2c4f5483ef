"""``pip install .`` in a clean virtualenv (not editable) gives a working app with its files."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
import sys, django
from django.conf import settings
settings.configure(
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "carrot"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
)
django.setup()
import carrot
from django.core.management import call_command
assert "site-packages" in carrot.__file__, carrot.__file__
call_command("migrate", "carrot", verbosity=0)
from carrot.utilities import publish_message, create_scheduled_task
from carrot.models import MessageLog
print("ok", MessageLog.objects.count(), django.get_version())
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        timeout=300,
    )
    return next(out.glob("django_carrot-*.whl"))


@pytest.mark.timeout(900)  # builds the wheel first (the fixture's own timeout comes first)
def test_wheel_ships_migrations_templates_and_static_files(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "carrot/migrations/0001_initial.py" in names
    assert "carrot/management/commands/carrot_daemon.py" in names
    assert any(n.startswith("carrot/templates/carrot/") for n in names), names
    assert any(n.startswith("carrot/static/carrot/") for n in names), names
    metadata = next(n for n in names if n.endswith("METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Requires-Python: >=3.10" in text
    assert (
        "Classifier: Framework :: Django :: 4.2" in text and "Classifier: Framework :: Django :: 5.2" in text
    )


@pytest.mark.timeout(900)  # a venv and a pip install from the index: its own timeouts come first
def test_pip_install_in_a_clean_venv_works(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, str(wheel)], check=True, timeout=600)
    result = subprocess.run(
        [str(venv / "bin" / "python"), "-c", CHECK], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok 0")
