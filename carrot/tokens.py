"""Revoking JSON Web Tokens: each refresh token works once, and all of a user's tokens can be revoked.

django-graphql-jwt issues two kinds of token:

* **Access tokens**, signed JWTs checked without the database. To refuse one before it expires,
  :class:`~carrot.models.TokenRevocation` keeps, per username, when that user's tokens were revoked:
  a token issued at or before that second is refused. JWT times are whole seconds, so a token issued
  in the very second of a revocation is refused too, even if it was issued just after it.
* **Refresh tokens**, rows of ``graphql_jwt.refresh_token``'s ``RefreshToken``. Exchanging one revokes
  it (rotation, :func:`rotate_refresh_token`). A revoked one presented again means two parties hold it
  (a stolen copy, used before or after the real client): then every token of that user is revoked and
  both must log in again (:func:`refused_refresh_token`). Refresh tokens revoked together with all of
  their user's tokens (by :func:`revoke_user_tokens` or an earlier reuse) are merely refused.

Needs django-graphql-jwt: import this module only when JWT is enabled (``carrot.auth.jwt_enabled``).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Model, QuerySet
from django.utils import timezone
from graphql_jwt.refresh_token.utils import get_refresh_token_model
from graphql_jwt.settings import jwt_settings

from carrot import database
from carrot.errors import CarrotError
from carrot.models import TokenRevocation

logger = logging.getLogger(__name__)

REVOKED_REFUSAL = "Refresh token revoked: log in again."
REUSED_REFUSAL = (
    "Refresh token already used or revoked: a refresh token works once, so someone else may hold a "
    "copy. Every token of this user is now revoked: log in again."
)


class UnknownUserError(CarrotError):
    """A username that matches no user was named."""


class RefreshTokenRefused(CarrotError):
    """A refresh token could not be exchanged; the message says why and what to do."""


def issued_at(payload: Mapping[str, Any]) -> float | None:
    """When the token was issued, in seconds since the epoch; None when the payload does not say.

    django-graphql-jwt writes ``origIat`` (when ``JWT_ALLOW_REFRESH`` is on, its default), which a
    keep-alive refresh carries over from the first token of the line; other issuers write the standard
    ``iat``; failing both, ``exp`` minus ``JWT_EXPIRATION_DELTA``.
    """
    for claim in ("origIat", "iat"):
        value = payload.get(claim)
        if isinstance(value, int | float):
            return float(value)
    expires = payload.get("exp")
    if isinstance(expires, int | float):
        return float(expires) - jwt_settings.JWT_EXPIRATION_DELTA.total_seconds()
    return None


def _revoked_at(username: Any) -> datetime.datetime | None:
    revocations = TokenRevocation.objects.filter(username=username)
    return revocations.values_list("revoked_at", flat=True).first()


def is_revoked(payload: Mapping[str, Any]) -> bool:
    """The access token of ``payload`` was issued at or before its user's last revocation.

    A token that does not say when it was issued is refused once its user has a revocation.
    """
    revoked_at = _revoked_at(jwt_settings.JWT_PAYLOAD_GET_USERNAME_HANDLER(payload))
    if revoked_at is None:
        return False
    issued = issued_at(payload)
    return issued is None or issued < int(revoked_at.timestamp()) + 1


def _revoke(users: QuerySet[Any]) -> int:
    """Revoke every refresh token of ``users`` and their access tokens issued until now.

    Returns the number of refresh tokens revoked.
    """
    now = timezone.now()
    usernames = [user.get_username() for user in users]
    with database.atomic():
        TokenRevocation.objects.bulk_create(
            [TokenRevocation(username=username, revoked_at=now) for username in usernames],
            update_conflicts=True,
            unique_fields=["username"],
            update_fields=["revoked_at"],
        )
        refresh_tokens = get_refresh_token_model().objects.filter(user__in=users, revoked__isnull=True)
        revoked: int = refresh_tokens.update(revoked=now)
    logger.warning("Revoked every token of %s (%d refresh tokens)", ", ".join(usernames), revoked)
    return revoked


def revoke_user_tokens(usernames: Iterable[str]) -> int:
    """Revoke every token of these users; returns the number of refresh tokens revoked.

    Raises :class:`UnknownUserError`, naming each username that matches no user, and revokes nothing.
    """
    user_model = get_user_model()
    wanted = set(usernames)
    users = user_model._default_manager.filter(**{f"{user_model.USERNAME_FIELD}__in": wanted})
    unknown = wanted - {user.get_username() for user in users}
    if unknown:
        names = ", ".join(repr(name) for name in sorted(unknown))
        raise UnknownUserError(f"No user with the username {names}: nothing was revoked.")
    return _revoke(users)


def revoke_all_tokens() -> int:
    """Revoke every token of every user; returns the number of refresh tokens revoked."""
    return _revoke(get_user_model()._default_manager.all())


def _spent(token: str) -> Model | None:
    """The revoked refresh token whose value is ``token``, if there is one."""
    refresh_tokens = get_refresh_token_model().objects.filter(token=token, revoked__isnull=False)
    spent: Model | None = refresh_tokens.select_related("user").order_by("-revoked").first()
    return spent


def refused_refresh_token(token: str) -> str | None:
    """Why ``token``, a refresh token already used or revoked, is refused; None for any other token.

    When it was revoked after the last revocation of all its user's tokens (exchanged, or revoked by
    ``revokeToken``), someone presents a token that should no longer exist: every token of that user
    is revoked before answering.
    """
    spent = _spent(token)
    if spent is None:
        return None
    user = spent.user  # type: ignore[attr-defined]
    revoked_at = _revoked_at(user.get_username())
    if revoked_at is not None and spent.revoked <= revoked_at:  # type: ignore[attr-defined]
        return REVOKED_REFUSAL
    logger.warning("A used refresh token of %s was presented again", user.get_username())
    _revoke(get_user_model()._default_manager.filter(pk=user.pk))
    return REUSED_REFUSAL


def rotate_refresh_token(token: str) -> str:
    """Revoke ``token``, a refresh token just exchanged for an access token; return its successor.

    The successor is always a new refresh token, whatever ``JWT_REUSE_REFRESH_TOKENS`` says (reusing
    would give the revoked row a new value, a token born revoked). Raises
    :class:`RefreshTokenRefused` when ``token`` was no longer live: the conditional update makes
    simultaneous exchanges of one token end with exactly one winner, and each loser is treated as a
    reuse (:func:`refused_refresh_token`), which revokes the winner's new tokens too.
    """
    model = get_refresh_token_model()
    now = timezone.now()
    successor: str | None = None
    with database.atomic():
        # Write first: the update locks the row until the commit, so a simultaneous exchange (which
        # then revokes everything as a reuse) waits until the successor exists, and revokes it too.
        if model.objects.filter(token=token, revoked__isnull=True).update(revoked=now) == 1:
            spent = model.objects.get(token=token, revoked=now)
            successor = model.objects.create(user_id=spent.user_id).get_token()
    if successor is None:
        raise RefreshTokenRefused(refused_refresh_token(token) or REVOKED_REFUSAL)
    return successor
