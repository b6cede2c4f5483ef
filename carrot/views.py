"""The monitor page, the GraphQL API with GraphiQL, and the token endpoint.

Paths are relative to wherever the project includes ``carrot.urls`` (see :mod:`carrot.urls`); the
views work out that prefix from the request, so any prefix (and several) work.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from django.apps import apps
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, ensure_csrf_cookie
from graphene.validation import DisableIntrospection, depth_limit_validator
from graphene_django.views import GraphQLView
from graphql import ExecutionResult, GraphQLError, parse

from carrot import auth
from carrot.conf import get_settings
from carrot.errors import CarrotError
from carrot.schema import schema

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 20_000
"""Characters in one GraphQL document; the monitor's largest query is a few hundred."""
MAX_TOKENS = 2_000
"""Lexical tokens in one GraphQL document (caps aliases and repeated fields as well as length)."""
INTERNAL_ERROR = "Internal server error; the server log has the details."


def _exposed_exceptions() -> tuple[type[BaseException], ...]:
    """Exceptions whose message is meant for the client; every other one is masked."""
    exposed: list[type[BaseException]] = [CarrotError]
    try:
        from graphql_jwt.exceptions import JSONWebTokenError

        exposed.append(JSONWebTokenError)
    except ImportError:  # pragma: no cover - JWT support is optional
        pass
    return tuple(exposed)


def format_error(error: Exception) -> dict[str, Any]:
    """A GraphQL error for the client, with unexpected exceptions masked (logged, never sent)."""
    if isinstance(error, GraphQLError):
        original = error.original_error
        if original is None or isinstance(original, (GraphQLError, *_exposed_exceptions())):
            return dict(error.formatted)
        logger.error("GraphQL resolver failed at %s", error.path, exc_info=original)
        masked = dict(error.formatted)
        masked["message"] = INTERNAL_ERROR
        masked["extensions"] = {"code": "INTERNAL_SERVER_ERROR"}
        return masked
    logger.error("GraphQL request failed", exc_info=error)
    return {"message": INTERNAL_ERROR, "extensions": {"code": "INTERNAL_SERVER_ERROR"}}


class CarrotGraphQLView(GraphQLView):
    """graphene-django's view with limits: depth, size, tokens, no batching, masked errors."""

    batch = False

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        carrot_settings = get_settings()
        rules: list[Any] = [depth_limit_validator(max_depth=carrot_settings.graphql_max_depth)]
        if not carrot_settings.graphql_introspection:
            rules.append(DisableIntrospection)
        self.validation_rules = tuple(rules)

    def execute_graphql_request(
        self,
        request: HttpRequest,
        data: dict[str, Any],
        query: str | None,
        variables: Any,
        operation_name: str | None,
        show_graphiql: bool = False,
    ) -> ExecutionResult | None:
        if query:
            if len(query) > MAX_QUERY_LENGTH:
                return ExecutionResult(
                    errors=[GraphQLError(f"The query is too long (at most {MAX_QUERY_LENGTH} characters).")]
                )
            try:
                parse(query, max_tokens=MAX_TOKENS)
            except GraphQLError as exc:
                return ExecutionResult(errors=[exc])
        return super().execute_graphql_request(request, data, query, variables, operation_name, show_graphiql)

    @staticmethod
    def format_error(error: Exception) -> dict[str, Any]:
        return format_error(error)

    def render_graphiql(self, request: HttpRequest, **data: Any) -> HttpResponse:
        if not apps.is_installed("graphene_django"):
            return auth.graphql_error(
                "GraphiQL needs 'graphene_django' in INSTALLED_APPS; the API itself works without it.",
                "GRAPHIQL_NOT_INSTALLED",
                404,
            )
        response: HttpResponse = super().render_graphiql(request, **data)
        return response


def _prefix(request: HttpRequest, rest: str) -> str:
    """The path where ``carrot.urls`` is mounted, ending in ``/``, from the unmatched ``rest``."""
    path = request.path
    prefix = path[: len(path) - len(rest)] if rest and path.endswith(rest) else path
    return prefix if prefix.endswith("/") else prefix + "/"


@ensure_csrf_cookie
def _monitor_page(request: HttpRequest, path: str = "") -> HttpResponse:
    base_url = _prefix(request, path)
    context = {
        "base_url": base_url,
        "graphql_url": f"{base_url}graphql",
        "auth_url": f"{base_url}graphql/auth",
        "login_url": settings.LOGIN_URL,
    }
    return render(request, "carrot/monitor.html", context)


monitor = auth.with_monitor_authentication(_monitor_page)
"""``<prefix>/`` and the client-side routes below it: the React monitor."""

graphql = auth.protect_api(CarrotGraphQLView.as_view(graphiql=True, schema=schema))
"""``<prefix>/graphql``: POST runs the API, a browser GET shows GraphiQL."""


@functools.cache
def _auth_view() -> Any:
    from carrot.schema.auth import build_auth_schema

    return CarrotGraphQLView.as_view(schema=build_auth_schema(), graphiql=True)


@csrf_exempt
def graphql_auth(request: HttpRequest) -> HttpResponse:
    """``<prefix>/graphql/auth``: tokenAuth, verifyToken, refreshToken, revokeToken; no session needed.

    CSRF-exempt: these mutations set no cookie and answer only to the caller, so a forged cross-site
    request gains nothing.
    """
    if not auth.jwt_enabled():
        return auth.graphql_error(auth.JWT_NOT_ENABLED, "JWT_NOT_ENABLED", 400)
    token = auth.bearer_token(request)
    if token is not None:
        # Identifies the caller for `me`; a stale token must not block refreshToken or tokenAuth.
        auth.authenticate_token(request, token)
    response: HttpResponse = _auth_view()(request)
    return response


__all__ = ["graphql", "graphql_auth", "monitor"]
