"""A task module (listed in ``CARROT['task_modules']``) that also registers with ``@task``.

Importing it from the registry's discovery takes the registry's lock from inside the import: the
first lookup of a process that never ran the system checks once deadlocked on it.
"""

from carrot.registry import task


@task
def shout(word):
    return word.upper()
