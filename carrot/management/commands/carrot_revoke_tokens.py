"""``manage.py carrot_revoke_tokens <username> [...]`` (or ``--all-users``): revoke JSON Web Tokens.

Every refresh token of the users is revoked, and every access token issued to them until now is
refused from the next request on (see :mod:`carrot.tokens`). Logging in again works from the next
second.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from carrot import auth


class Command(BaseCommand):
    help = (
        "Revoke every JSON Web Token (access and refresh) of the named users, or of all users: "
        "they must log in again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("usernames", nargs="*", metavar="username", help="Whose tokens to revoke.")
        parser.add_argument("--all-users", action="store_true", help="Revoke the tokens of every user.")

    def handle(self, *args: Any, usernames: list[str], all_users: bool, **options: Any) -> None:
        if all_users == bool(usernames):
            raise CommandError("Name the users whose tokens to revoke, or pass --all-users (not both).")
        if not auth.jwt_enabled():
            raise CommandError(auth.JWT_NOT_ENABLED)
        from carrot import tokens

        try:
            revoked = tokens.revoke_all_tokens() if all_users else tokens.revoke_user_tokens(usernames)
        except tokens.UnknownUserError as exc:
            raise CommandError(str(exc)) from exc
        whose = "every user" if all_users else ", ".join(usernames)
        self.stdout.write(
            f"Revoked the tokens of {whose}: {revoked} refresh token(s); "
            "access tokens issued until now are refused."
        )
