"""django-carrot 1.3's ``0002_add_task_name``: scheduled tasks get a (nullable) name.

Skipped on tables of this version, which have the column already (see ``carrot.table_shape``).
"""

from django.db import migrations, models

from carrot.table_shape import SCHEDULE_TABLE, WhenColumnMissing


class Migration(migrations.Migration):
    dependencies = [("carrot", "0001_initial")]

    operations = [
        WhenColumnMissing(
            SCHEDULE_TABLE,
            "task_name",
            [
                migrations.AddField(
                    model_name="scheduledtask",
                    name="task_name",
                    field=models.CharField(blank=True, max_length=200, null=True),
                ),
            ],
        ),
    ]
