"""Formerly ``0002_failed_search_index``: renamed to follow django-carrot 1.x's migrations, and applied where the old
name is recorded (``replaces``). On 1.x tables it runs before ``0008_convert_from_1x``.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('carrot', '0002_failed_search_index')]

    dependencies = [
        ('carrot', '0004_set_unique_task_name'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='messagelog',
            index=models.Index(condition=models.Q(('status', 'FAILED')), fields=['-id'], include=('task', 'task_args', 'content', 'exception', 'uuid'), name='carrot_log_failed_search'),
        ),
    ]
