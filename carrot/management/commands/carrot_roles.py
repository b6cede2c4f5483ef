"""``manage.py carrot_roles``: create the groups "carrot viewers" and "carrot operators".

Idempotent: running it again resets the groups' carrot permissions to the roles' definitions
(:mod:`carrot.permissions`). Add users to a group in the Django admin or with ``user.groups.add``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from carrot.permissions import ensure_role_groups


class Command(BaseCommand):
    help = 'Create (or reset) the groups "carrot viewers" and "carrot operators" with their permissions.'

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            granted = ensure_role_groups()
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        for group, codenames in granted.items():
            self.stdout.write(f"{group}: {', '.join(f'carrot.{name}' for name in codenames)}")
