"""A small django-carrot 1.5 project, run by the 1.5 venv's Python (``manage.py``), for the switch tests."""
