"""The schema of ``<prefix>/graphql/auth``: django-graphql-auth's token mutations, and ``me``.

Built on first use, because importing ``graphql_auth`` needs its apps in ``INSTALLED_APPS`` (JWT is
optional; without them the endpoint answers "JWT authentication is not enabled").
"""

from __future__ import annotations

import functools
from typing import Any

import graphene


class AuthUser(graphene.ObjectType):
    """The user a request is authenticated as."""

    username = graphene.String(required=True, description="The user's username.")
    email = graphene.String(required=True, description="The user's email address.")
    is_staff = graphene.Boolean(required=True, description="The user may use the Django admin.")


class AuthQuery(graphene.ObjectType):
    """Who the caller is."""

    me = graphene.Field(AuthUser, description="The user of the token in the Authorization header, or null.")

    @staticmethod
    def resolve_me(root: Any, info: Any) -> Any:
        user = getattr(info.context, "user", None)
        return user if user is not None and user.is_authenticated else None


@functools.cache
def build_auth_schema() -> graphene.Schema:
    """tokenAuth, verifyToken, refreshToken and revokeToken (django-graphql-auth), plus ``me``.

    verifyToken also refuses a revoked token, and refreshToken (with ``JWT_LONG_RUNNING_REFRESH_TOKEN``)
    accepts each refresh token once; see :mod:`carrot.tokens`.
    """
    from graphql_auth import mutations
    from graphql_jwt.settings import jwt_settings

    verify, rotating_refresh = _revocation_aware_mutations()
    refresh = rotating_refresh if jwt_settings.JWT_LONG_RUNNING_REFRESH_TOKEN else mutations.RefreshToken

    class AuthMutation(graphene.ObjectType):
        """Obtain, check, refresh and revoke JSON Web Tokens."""

        token_auth = mutations.ObtainJSONWebToken.Field(
            description="Obtain an access token and a refresh token with a username (or email) and password."
        )
        verify_token = verify.Field(description="Check an access token (signature, expiry, revocation).")
        refresh_token = refresh.Field(
            description=(
                "Exchange a refresh token for a new access token and a new refresh token. "
                "A refresh token works once: using it again revokes every token of its user."
            )
        )
        revoke_token = mutations.RevokeToken.Field(description="Revoke a refresh token for good.")

    for mutation in (mutations.ObtainJSONWebToken, refresh, verify):
        _nullable_outputs(mutation)
    return graphene.Schema(query=AuthQuery, mutation=AuthMutation)


def _revocation_aware_mutations() -> tuple[Any, Any]:
    """django-graphql-auth's VerifyToken and RefreshToken, checking carrot's token revocations."""
    from graphql_auth import mutations
    from graphql_jwt.settings import jwt_settings

    from carrot import tokens

    def refusal(cls: Any, message: str) -> Any:
        return cls(success=False, errors=[{"message": message, "code": "revoked_token"}])

    class VerifyToken(mutations.VerifyToken):
        __doc__ = mutations.VerifyToken.__doc__

        @classmethod
        def resolve_mutation(cls, root: Any, info: Any, **kwargs: Any) -> Any:
            result = super().resolve_mutation(root, info, **kwargs)
            if result.success and tokens.is_revoked(result.payload):
                return refusal(cls, "Token revoked.")
            return result

    class RefreshToken(mutations.RefreshToken):
        __doc__ = mutations.RefreshToken.__doc__

        @classmethod
        def resolve_mutation(cls, root: Any, info: Any, **kwargs: Any) -> Any:
            # As django-graphql-jwt reads it: the argument, else the refresh-token cookie.
            token = kwargs.get("refresh_token") or info.context.COOKIES.get(
                jwt_settings.JWT_REFRESH_TOKEN_COOKIE_NAME
            )
            refused = tokens.refused_refresh_token(token) if token else None
            if refused is not None:
                return refusal(cls, refused)
            result = super().resolve_mutation(root, info, **kwargs)
            if not result.success:
                return result
            try:
                result.refresh_token = tokens.rotate_refresh_token(token)
            except tokens.RefreshTokenRefused as exc:
                return refusal(cls, str(exc))
            return result

    return VerifyToken, RefreshToken


def _nullable_outputs(mutation: Any) -> None:
    """Let a refused token mutation answer ``success: false`` instead of a null-field error.

    django-graphql-jwt 0.4 declares ``token``, ``payload``... non-null, but django-graphql-auth returns
    them empty with ``success: false`` (wrong password, revoked refresh token); unpatched, that is a
    "Cannot return null for non-nullable field" GraphQL error with no data.
    """
    for name in ("token", "refresh_token", "payload", "refresh_expires_in"):
        field = mutation._meta.fields.get(name)
        if field is not None and isinstance(field.type, graphene.NonNull):
            field._type = field.type.of_type
