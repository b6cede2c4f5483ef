"""Formerly ``0003_outbox``: renamed to follow django-carrot 1.x's migrations, and applied where the old
name is recorded (``replaces``). On 1.x tables it runs before ``0008_convert_from_1x``.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('carrot', '0003_outbox')]

    dependencies = [
        ('carrot', '0005_failed_search_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='messagelog',
            name='relay_after',
            field=models.DateTimeField(blank=True, help_text="Set while the broker has not confirmed the message: after this time the service's relay sends it (its publisher died first). Cleared once confirmed or consumed.", null=True),
        ),
        migrations.AddIndex(
            model_name='messagelog',
            index=models.Index(condition=models.Q(('relay_after__isnull', False)), fields=['relay_after'], name='carrot_log_outbox'),
        ),
    ]
