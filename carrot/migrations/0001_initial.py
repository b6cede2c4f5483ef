"""django-carrot 1.x's tables, as its ``0001_initial`` made them (1.1 to 1.5; 1.0 made the same ones
without migrations).

This migration has 1.x's name so that a 1.x database counts it as applied. ``0008_convert_from_1x``
turns these tables into this version's.
"""

import django.core.validators
from django.db import migrations, models

STATUS_CHOICES = [
    ("PUBLISHED", "Published"),
    ("IN_PROGRESS", "In progress"),
    ("FAILED", "Failed"),
    ("COMPLETED", "Completed"),
]
INTERVAL_CHOICES = [("seconds", "seconds"), ("minutes", "minutes"), ("hours", "hours"), ("days", "days")]


def _text() -> models.TextField:
    return models.TextField(blank=True, null=True)


def _name() -> models.CharField:
    return models.CharField(blank=True, max_length=200, null=True)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="MessageLog",
            fields=[
                (
                    "id",
                    models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                ),
                ("status", models.CharField(choices=STATUS_CHOICES, default="PUBLISHED", max_length=11)),
                ("exchange", _name()),
                ("queue", _name()),
                ("routing_key", _name()),
                ("uuid", models.CharField(max_length=200)),
                ("priority", models.PositiveIntegerField(default=0)),
                ("task", models.CharField(max_length=200)),
                ("task_args", _text()),
                ("content", _text()),
                ("exception", _text()),
                ("traceback", _text()),
                ("output", _text()),
                ("publish_time", models.DateTimeField(blank=True, null=True)),
                ("failure_time", models.DateTimeField(blank=True, null=True)),
                ("completion_time", models.DateTimeField(blank=True, null=True)),
                ("log", _text()),
            ],
            options={
                "ordering": ("-failure_time", "-completion_time", "status", "-priority", "-publish_time")
            },
        ),
        migrations.CreateModel(
            name="ScheduledTask",
            fields=[
                (
                    "id",
                    models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                ),
                (
                    "interval_type",
                    models.CharField(choices=INTERVAL_CHOICES, default="seconds", max_length=200),
                ),
                (
                    "interval_count",
                    models.PositiveIntegerField(
                        default=1, validators=[django.core.validators.MinValueValidator(1)]
                    ),
                ),
                ("exchange", _name()),
                ("routing_key", _name()),
                ("queue", _name()),
                ("task", models.CharField(max_length=200)),
                ("task_args", _text()),
                ("content", _text()),
                ("active", models.BooleanField(default=True)),
            ],
        ),
    ]
