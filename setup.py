"""Packaging for django-carrot. The built monitor (carrot/static) ships in the wheel: no Node needed."""

from pathlib import Path

from setuptools import find_packages, setup

ROOT = Path(__file__).parent
VERSION = next(
    line.split('"')[1]
    for line in (ROOT / "carrot" / "__init__.py").read_text().splitlines()
    if line.startswith("__version__")
)

setup(
    name="django-carrot",
    version=VERSION,
    description="A task queue for Django on RabbitMQ, with a GraphQL monitor",
    long_description=(ROOT / "README.md").read_text(),
    long_description_content_type="text/markdown",
    license="Apache-2.0",
    packages=find_packages(include=["carrot", "carrot.*"]),
    include_package_data=True,
    package_data={"carrot": ["templates/carrot/*", "static/carrot/*", "static/carrot/**/*"]},
    python_requires=">=3.10",
    install_requires=[
        "Django>=4.2,<6.0",
        "pika>=1.3,<2",
        "graphene>=3.4,<4",
        "graphene-django>=3.2.3,<3.3",
        # Cron expressions of scheduled tasks (carrot/cron.py); docs/_lifecycle/cron.inc says why cronsim.
        "cronsim>=2.7,<3",
        # The <prefix>/metrics endpoint's text format (carrot/metrics/exposition.py).
        "prometheus-client>=0.20,<1",
    ],
    extras_require={
        # JWT for GraphQL clients in other services; see docs/api.rst for why this fork is pinned.
        "jwt": [
            "django-graphql-auth-django-4==0.3.17",
            "django-graphql-jwt==0.4.0",
            "PyJWT>=2.8,<3",
        ],
        "postgres": ["psycopg[binary]>=3.2.4,<4"],  # carrot.result: notifies(timeout), none lost
    },
    classifiers=[
        "Framework :: Django",
        "Framework :: Django :: 4.2",
        "Framework :: Django :: 5.2",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3.10",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
        "Topic :: System :: Distributed Computing",
    ],
)
