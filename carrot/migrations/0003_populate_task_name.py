"""django-carrot 1.3's ``0003_populate_task_name``, which changed nothing, and neither does this one.

1.x's version named the tasks whose ``task_name`` was ``''``, but the column it had just added held
``NULL``, so no row ever matched. ``0008_convert_from_1x`` names those tasks. The migration stays so
that the history of a 1.x database matches this graph.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("carrot", "0002_add_task_name")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop, elidable=True)]
