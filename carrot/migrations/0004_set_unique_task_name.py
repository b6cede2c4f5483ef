"""django-carrot 1.3's ``0004_set_unique_task_name``: despite its name, it changed nothing in the
database (1.x's names were never made unique; ``0008_convert_from_1x`` does that).

Skipped on tables of this version (see ``carrot.table_shape``).
"""

from django.db import migrations, models

from carrot.table_shape import LOG_TABLE, SINCE_2X, WhenColumnMissing


class Migration(migrations.Migration):
    dependencies = [("carrot", "0003_populate_task_name")]

    operations = [
        WhenColumnMissing(
            LOG_TABLE,
            SINCE_2X,
            [
                migrations.AlterField(
                    model_name="scheduledtask",
                    name="task_name",
                    field=models.CharField(blank=True, max_length=200, null=True),
                ),
            ],
        ),
    ]
