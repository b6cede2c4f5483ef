"""The monitor page, the GraphQL API with GraphiQL, and the token endpoint.

Paths are relative to wherever the project includes ``carrot.urls`` (see :mod:`carrot.urls`); the
views work out that prefix from the request, so any prefix (and several) work.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
from collections.abc import Iterable
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, ensure_csrf_cookie
from graphene import Schema
from graphene.validation import depth_limit_validator
from graphene_django.constants import MUTATION_ERRORS_FLAG
from graphene_django.settings import graphene_settings
from graphene_django.views import GraphQLView, HttpError
from graphql import (
    DocumentNode,
    ExecutionContext,
    ExecutionResult,
    GraphQLError,
    GraphQLSyntaxError,
    NoSchemaIntrospectionCustomRule,
    OperationDefinitionNode,
    OperationType,
    execute,
    get_operation_ast,
    parse,
    specified_rules,
    validate,
    validate_schema,
)

from carrot import auth, csrf, database, permissions
from carrot.conf import DEFAULT_GRAPHQL_MAX_COST, get_settings
from carrot.document_cache import DocumentCache
from carrot.errors import CarrotError
from carrot.graphiql import graphiql_page
from carrot.metrics import exposition
from carrot.schema import schema
from carrot.schema.cost import cost_rule
from carrot.schema.storable import StorableTextRule, unstorable_variable

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 20_000
"""Characters in one GraphQL document; the monitor's largest query is a few hundred."""
MAX_TOKENS = 2_000
"""Lexical tokens in one GraphQL document (caps aliases and repeated fields as well as length)."""
INTERNAL_ERROR = "Internal server error; the server log has the details."
CODES = {
    400: "BAD_REQUEST",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    413: "PAYLOAD_TOO_LARGE",
    500: "INTERNAL_SERVER_ERROR",
}
"""The ``extensions.code`` of a request refused with each HTTP status (unless it names its own)."""
SUGGESTION = re.compile(r" Did you mean [^?]*\?")
"""graphql-core's hint in an error message (``Did you mean 'taskCounts'?``), which names the schema."""


class HttpFault(HttpError):
    """A request answered with ``status`` and one GraphQL error: ``message`` and ``code``."""

    def __init__(self, status: int, message: str, code: str | None = None, logged: bool = False) -> None:
        """``logged``: a line about this refusal is in the log already (Django's own handler skips it)."""
        response = HttpResponse(status=status)
        response._has_been_logged = logged  # type: ignore[attr-defined]
        super().__init__(response, message)
        self.code = code or CODES.get(status, "BAD_REQUEST")


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
    """A GraphQL error for the client, with unexpected exceptions masked (logged, never sent).

    Client faults (graphene-django's ``HttpError``: a body that is not JSON, no query, a mutation
    over GET...) keep their message and get a code from their status; Django logs their status line.
    With introspection off, no message suggests names from the schema.
    """
    if isinstance(error, HttpError):
        code = error.code if isinstance(error, HttpFault) else CODES.get(error.response.status_code)
        return {"message": error.message, "extensions": {"code": code or "BAD_REQUEST"}}
    if not isinstance(error, GraphQLError):
        logger.error("GraphQL request failed", exc_info=error)
        return {"message": INTERNAL_ERROR, "extensions": {"code": "INTERNAL_SERVER_ERROR"}}
    original = error.original_error
    if original is None or isinstance(original, (GraphQLError, *_exposed_exceptions())):
        formatted = dict(error.formatted)
        if not get_settings().graphql_introspection:
            formatted["message"] = SUGGESTION.sub("", error.message)
        return formatted
    logger.error("GraphQL resolver failed at %s", error.path, exc_info=original)
    masked = dict(error.formatted)
    masked["message"] = INTERNAL_ERROR
    masked["extensions"] = {"code": "INTERNAL_SERVER_ERROR"}
    return masked


def with_code(errors: Iterable[GraphQLError], code: str) -> list[GraphQLError]:
    """``errors`` with ``code`` as their ``extensions.code`` if they concern the whole request (have
    no path) and have no code yet."""
    return [
        error
        if error.path is not None or (error.extensions or {}).get("code")
        else GraphQLError(
            error.message,
            error.nodes,
            error.source,
            error.positions,
            error.path,
            error.original_error,
            {**(error.extensions or {}), "code": code},
        )
        for error in errors
    ]


@functools.cache
def validation_rules(
    max_depth: int, introspection: bool, max_cost: int = DEFAULT_GRAPHQL_MAX_COST
) -> tuple[Any, ...]:
    """The validation rules for these settings: the same tuple each time (a cache key).

    The specification's rules come first: graphql-core's ``validate`` runs only the rules it is
    given, so passing just the depth limit (as graphene-django's ``validation_rules`` does) would let
    unknown fields, misspelt arguments and undefined variables through unreported. Introspection off
    refuses the fields that return the schema (``__schema``, ``__type``), not ``__typename``, which
    GraphQL clients add to every selection. The cost limit (:mod:`carrot.schema.cost`) refuses an
    operation that would do or return too much before it runs. Text the database cannot store is
    refused here too (:mod:`carrot.schema.storable`), rather than failing in a query.
    """
    rules: list[Any] = [
        *specified_rules,
        depth_limit_validator(max_depth=max_depth),
        cost_rule(max_cost),
        StorableTextRule,
    ]
    if not introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
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
    check_cross_site = True
    """Refuse cross-site writes (:func:`carrot.csrf.allowed`); off for the token endpoint only."""

    def __init__(self, check_cross_site: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.check_cross_site = check_cross_site
        carrot_settings = get_settings()
        self.validation_rules = validation_rules(
            carrot_settings.graphql_max_depth,
            carrot_settings.graphql_introspection,
            carrot_settings.graphql_max_cost,
        )

    def parse_body(self, request: HttpRequest) -> Any:
        """graphene-django's parsing, with a body too large or unreadable refused as a client fault."""
        try:
            len(request.body)  # read first, so every content type meets DATA_UPLOAD_MAX_MEMORY_SIZE
            return super().parse_body(request)
        except RequestDataTooBig:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            raise HttpFault(413, f"The request body is larger than {limit} bytes.") from None
        except (SuspiciousOperation, UnicodeDecodeError) as exc:
            raise HttpFault(400, f"The request body cannot be read: {exc}") from None

    @staticmethod
    def get_graphql_params(request: HttpRequest, data: Any) -> tuple[Any, Any, Any, Any]:
        """graphene-django's parameters, each refused with a 400 when it has the wrong type."""
        query, variables, operation_name, id_ = GraphQLView.get_graphql_params(request, data)
        if query is not None and not isinstance(query, str):
            raise HttpFault(400, "The query must be a string: a GraphQL document.")
        if variables == "":
            variables = None
        if variables is not None and not isinstance(variables, dict):
            raise HttpFault(400, "The variables must be a JSON object that maps names to values.")
        unstorable = unstorable_variable(variables or {})
        if unstorable is not None:
            raise HttpFault(400, unstorable)
        if operation_name is not None and not isinstance(operation_name, str):
            raise HttpFault(400, "The operationName must be a string.")
        return query, variables, operation_name, id_

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
        size and token limits, the cross-site checks, a code on every refusal, the cache of validated
        documents, and a 500 for an unexpected failure outside the resolvers.
        """
        if not query:
            return super().execute_graphql_request(
                request, data, query, variables, operation_name, show_graphiql
            )
        if len(query) > MAX_QUERY_LENGTH:
            message = f"The query is too long (at most {MAX_QUERY_LENGTH} characters)."
            return ExecutionResult(errors=with_code([GraphQLError(message)], "BAD_REQUEST"))
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
            except GraphQLSyntaxError as exc:
                return ExecutionResult(errors=with_code([exc], "GRAPHQL_PARSE_FAILED"))
        operation_ast = get_operation_ast(document, operation_name)
        if not self._may_run(request, operation_ast, show_graphiql):
            return None
        if not validated:
            errors = validate(
                graphql_schema, document, self.validation_rules, graphene_settings.MAX_VALIDATION_ERRORS
            )
            if errors:
                return ExecutionResult(data=None, errors=with_code(errors, "GRAPHQL_VALIDATION_FAILED"))
            cache.put(query, self.validation_rules, document)
        try:
            return self._execute(request, document, operation_ast, variables, operation_name)
        except Exception as exc:  # outside any resolver: a server fault, masked
            logger.error("GraphQL request failed", exc_info=exc)
            raise HttpFault(500, INTERNAL_ERROR) from exc

    def _may_run(
        self, request: HttpRequest, operation_ast: OperationDefinitionNode | None, show_graphiql: bool
    ) -> bool:
        """Whether to run the operation; ``False`` to show GraphiQL instead.

        Raises :class:`HttpError` for a mutation over GET (405) or a refused cross-site request (403).
        """
        operation = operation_ast.operation if operation_ast is not None else None
        if request.method == "GET" and operation is not None and operation != OperationType.QUERY:
            if show_graphiql:
                return False
            raise HttpError(
                HttpResponseNotAllowed(
                    ["POST"], f"Can only perform a {operation.value} operation from a POST request."
                )
            )
        if self.check_cross_site and not csrf.allowed(request, operation == OperationType.MUTATION):
            raise HttpFault(403, csrf.CSRF_FAILED, "CSRF_FAILED", logged=True)  # by Django's CSRF check
        return True

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
                or database.connection().settings_dict.get("ATOMIC_MUTATIONS", False) is True
            )
        )
        with database.atomic() if atomic else contextlib.nullcontext():
            result = cast(ExecutionResult, execute(self.schema.graphql_schema, document, **options))
            if atomic and getattr(request, MUTATION_ERRORS_FLAG, False) is True:
                transaction.set_rollback(True)
        if result.errors:  # those without a path refused the request: its variables or operation name
            return ExecutionResult(result.data, with_code(result.errors, "BAD_REQUEST"), result.extensions)
        return result  # no resolver is async, so never an awaitable

    @staticmethod
    def format_error(error: Exception) -> dict[str, Any]:
        return format_error(error)

    def render_graphiql(self, request: HttpRequest, **data: Any) -> HttpResponse:
        """carrot's own GraphiQL page (graphene-django's loads its scripts from a CDN)."""
        return graphiql_page(request)


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


def _metrics_page(request: HttpRequest) -> HttpResponse:
    body, content_type = exposition.render(request.headers.get("Accept", ""))
    return HttpResponse(body, content_type=content_type)


def _metrics_for_viewers(request: HttpRequest) -> HttpResponse:
    """The metrics for a caller who may see tasks; a JSON error for one who may not."""
    caller = permissions.caller(request)
    refusal = caller.refusal(permissions.Action.VIEW_TASKS)
    if refusal is None:
        return _metrics_page(request)
    if caller.authenticated:
        return auth.graphql_error(refusal, "FORBIDDEN", 403)
    return auth.graphql_error(refusal, "UNAUTHENTICATED", 401)


_metrics_for_monitor_users = auth.protect_api(_metrics_for_viewers)


def metrics(request: HttpRequest) -> HttpResponse:
    """``<prefix>/metrics``: Prometheus' text format, for ``CARROT['metrics_token']`` as a bearer token or
    for a monitor user who may see tasks (the ``monitor_authentication`` decorators, a JWT)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    if auth.metrics_token_matches(request):
        return _metrics_page(request)
    response: HttpResponse = _metrics_for_monitor_users(request)
    return response


@functools.cache
def _auth_view() -> Any:
    from carrot.schema.auth import build_auth_schema

    return CarrotGraphQLView.as_view(schema=build_auth_schema(), graphiql=True, check_cross_site=False)


@csrf_exempt
def graphql_auth(request: HttpRequest) -> HttpResponse:
    """``<prefix>/graphql/auth``: tokenAuth, verifyToken, refreshToken, revokeToken; no session needed.

    CSRF-exempt, and without the API's cross-site checks: these mutations set no cookie and answer
    only to the caller, so a forged cross-site request gains nothing.
    """
    if not auth.jwt_enabled():
        return auth.graphql_error(auth.JWT_NOT_ENABLED, "JWT_NOT_ENABLED", 400)
    token = auth.bearer_token(request)
    if token is not None:
        # Identifies the caller for `me`; a stale token must not block refreshToken or tokenAuth.
        auth.authenticate_token(request, token)
    response: HttpResponse = _auth_view()(request)
    return response


__all__ = ["graphql", "graphql_auth", "metrics", "monitor"]
