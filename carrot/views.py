"""The monitor page, the GraphQL API with GraphiQL, and the token endpoint.

Paths are relative to wherever the project includes ``carrot.urls`` (see :mod:`carrot.urls`); the
views work out that prefix from the request, so any prefix (and several) work.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from typing import Any, cast

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, ensure_csrf_cookie
from graphene import Schema
from graphene.validation import DisableIntrospection, depth_limit_validator
from graphene_django.constants import MUTATION_ERRORS_FLAG
from graphene_django.settings import graphene_settings
from graphene_django.views import GraphQLView, HttpError
from graphql import (
    DocumentNode,
    ExecutionContext,
    ExecutionResult,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    execute,
    get_operation_ast,
    parse,
    specified_rules,
    validate,
    validate_schema,
)

from carrot import auth
from carrot.conf import get_settings
from carrot.document_cache import DocumentCache
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


@functools.cache
def validation_rules(max_depth: int, introspection: bool) -> tuple[Any, ...]:
    """The validation rules for these settings: the same tuple each time (a cache key).

    The specification's rules come first: graphql-core's ``validate`` runs only the rules it is
    given, so passing just the depth limit (as graphene-django's ``validation_rules`` does) would let
    unknown fields, misspelt arguments and undefined variables through unreported.
    """
    rules: list[Any] = [*specified_rules, depth_limit_validator(max_depth=max_depth)]
    if not introspection:
        rules.append(DisableIntrospection)
    return tuple(rules)


@functools.cache
def document_cache(graphql_schema: Schema) -> DocumentCache:
    """The validated documents of ``graphql_schema`` (one cache per schema, for the process's life)."""
    return DocumentCache()


class SynchronousExecutionContext(ExecutionContext):
    """graphql-core's execution without asking every value whether it is awaitable.

    Every resolver of carrot's schemas returns its value (and this synchronous view could not await
    one anyway), while graphql-core checks each resolved and completed value: about 1,100 checks for a
    page of 50 tasks, a tenth of its execution.
    """

    is_awaitable = staticmethod(lambda value: False)


class CarrotGraphQLView(GraphQLView):
    """graphene-django's view with limits: depth, size, tokens, no batching, masked errors.

    Each distinct document is parsed and validated once per schema and validation rules, then
    taken from :func:`document_cache`; a document with errors is checked afresh every time.
    """

    batch = False
    execution_context_class = SynchronousExecutionContext

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        carrot_settings = get_settings()
        self.validation_rules = validation_rules(
            carrot_settings.graphql_max_depth, carrot_settings.graphql_introspection
        )

    def execute_graphql_request(
        self,
        request: HttpRequest,
        data: dict[str, Any],
        query: str | None,
        variables: Any,
        operation_name: str | None,
        show_graphiql: bool = False,
    ) -> ExecutionResult | None:
        """Run ``query``: graphene-django's steps in its order, the document parsed once and cached.

        As graphene-django: no query is a 400 (or GraphiQL), a mutation over GET a 405, validation
        errors an answer without data, mutations atomic when ``ATOMIC_MUTATIONS`` says so. Added: the
        size and token limits, and the cache of validated documents.
        """
        if not query:
            return super().execute_graphql_request(
                request, data, query, variables, operation_name, show_graphiql
            )
        if len(query) > MAX_QUERY_LENGTH:
            return ExecutionResult(
                errors=[GraphQLError(f"The query is too long (at most {MAX_QUERY_LENGTH} characters).")]
            )
        graphql_schema = self.schema.graphql_schema
        schema_errors = validate_schema(graphql_schema)
        if schema_errors:
            return ExecutionResult(data=None, errors=schema_errors)
        cache = document_cache(self.schema)
        document = cache.get(query, self.validation_rules)
        validated = document is not None
        if document is None:
            try:
                document = parse(query, max_tokens=MAX_TOKENS)
            except GraphQLError as exc:
                return ExecutionResult(errors=[exc])
        operation_ast = get_operation_ast(document, operation_name)
        if (
            request.method == "GET"
            and operation_ast is not None
            and operation_ast.operation != OperationType.QUERY
        ):
            if show_graphiql:
                return None
            raise HttpError(
                HttpResponseNotAllowed(
                    ["POST"],
                    f"Can only perform a {operation_ast.operation.value} operation from a POST request.",
                )
            )
        if not validated:
            errors = validate(
                graphql_schema, document, self.validation_rules, graphene_settings.MAX_VALIDATION_ERRORS
            )
            if errors:
                return ExecutionResult(data=None, errors=errors)
            cache.put(query, self.validation_rules, document)
        try:
            return self._execute(request, document, operation_ast, variables, operation_name)
        except Exception as exc:  # as graphene-django does; format_error masks it
            return ExecutionResult(errors=[exc])  # type: ignore[list-item]

    def _execute(
        self,
        request: HttpRequest,
        document: DocumentNode,
        operation_ast: OperationDefinitionNode | None,
        variables: Any,
        operation_name: str | None,
    ) -> ExecutionResult:
        """Run a validated document; a mutation in a transaction when ``ATOMIC_MUTATIONS`` says so."""
        options: dict[str, Any] = {
            "root_value": self.get_root_value(request),
            "context_value": self.get_context(request),
            "variable_values": variables,
            "operation_name": operation_name,
            "middleware": self.get_middleware(request),
            "execution_context_class": self.execution_context_class,
        }
        atomic = (
            operation_ast is not None
            and operation_ast.operation == OperationType.MUTATION
            and (
                graphene_settings.ATOMIC_MUTATIONS is True
                or connection.settings_dict.get("ATOMIC_MUTATIONS", False) is True
            )
        )
        with transaction.atomic() if atomic else contextlib.nullcontext():
            result = execute(self.schema.graphql_schema, document, **options)
            if atomic and getattr(request, MUTATION_ERRORS_FLAG, False) is True:
                transaction.set_rollback(True)
        return cast(ExecutionResult, result)  # no resolver is async, so never an awaitable

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
