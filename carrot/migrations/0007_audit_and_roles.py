"""Formerly ``0004_audit_and_roles``: renamed to follow django-carrot 1.x's migrations, and applied where the old
name is recorded (``replaces``). On 1.x tables it runs before ``0008_convert_from_1x``.
"""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('carrot', '0004_audit_and_roles')]

    dependencies = [
        ('carrot', '0006_outbox'),
    ]

    operations = [
        migrations.CreateModel(
            name='TokenRevocation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('username', models.CharField(max_length=150, unique=True)),
                ('revoked_at', models.DateTimeField()),
            ],
        ),
        migrations.AlterModelOptions(
            name='messagelog',
            options={'permissions': [('purge_queue', 'Can purge the messages waiting in a queue')]},
        ),
        migrations.CreateModel(
            name='AuditEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('time', models.DateTimeField(default=django.utils.timezone.now)),
                ('username', models.CharField(blank=True, default='', help_text='Empty: anonymous.', max_length=150)),
                ('via', models.CharField(help_text='How the caller signed in: session, token or none.', max_length=10)),
                ('address', models.GenericIPAddressField(blank=True, help_text="The client's address.", null=True)),
                ('mutation', models.CharField(max_length=100)),
                ('arguments', models.JSONField(blank=True, default=dict, help_text='Its arguments (ids, filter, input).')),
                ('outcome', models.CharField(choices=[('SUCCESS', 'Success'), ('ERROR', 'Error'), ('FORBIDDEN', 'Forbidden')], max_length=9)),
                ('rows', models.PositiveIntegerField(default=0, help_text='Task logs or scheduled tasks changed.')),
                ('messages', models.PositiveIntegerField(default=0, help_text='Messages published or purged.')),
                ('error', models.TextField(blank=True, default='', help_text='Why it failed or was refused.')),
            ],
            options={
                'verbose_name_plural': 'audit entries',
                'indexes': [models.Index(fields=['-id'], name='carrot_audit_id'), models.Index(fields=['time'], name='carrot_audit_time')],
            },
        ),
    ]
