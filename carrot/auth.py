"""Who may use the monitor: ``CARROT['monitor_authentication']``, JWT for other services, CSRF.

* The ``monitor_authentication`` decorators (dotted paths) wrap the monitor page, the GraphQL API and
  GraphiQL, and nothing else. With none configured the monitor is public, as in django-carrot 1.x.
* A JWT in the ``Authorization`` header (``JWT <token>`` or ``Bearer <token>``) authenticates the
  request *before* those decorators run, so ``login_required`` lets a valid token through. A bad,
  expired or revoked token is refused with 401 whatever the decorators say.
* Cross-site requests: a mutation needs a token, a CSRF token or a same-origin ``Origin``, and a
  session-authenticated query Django's CSRF check (:mod:`carrot.csrf`, asked by the GraphQL view).
* An API request the decorators refuse (a redirect to the login page, a 403 or 404, returned or
  raised as ``PermissionDenied`` or ``Http404``) gets a JSON GraphQL error with status 401/403/404
  instead; a browser asking for GraphiQL or the monitor page gets Django's usual answer.

JWT needs django-graphql-auth's apps in ``INSTALLED_APPS`` (``graphql_auth`` and
``graphql_jwt.refresh_token``); see ``docs/api.rst``.
"""

from __future__ import annotations

import functools
import hmac
import json
import logging
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.module_loading import import_string

from carrot.conf import get_settings

logger = logging.getLogger(__name__)

View = Callable[..., HttpResponse]

JWT_APPS = ("graphql_auth", "graphql_jwt.refresh_token")
JWT_NOT_ENABLED = (
    "JWT authentication is not enabled: add 'graphql_auth' and 'graphql_jwt.refresh_token' to "
    "INSTALLED_APPS, run `manage.py migrate`, and set GRAPHQL_JWT (see django-carrot's docs/api.rst)."
)
TOKEN_PREFIXES = ("jwt", "bearer")
_REDIRECTS = (301, 302, 303, 307, 308)


def jwt_enabled() -> bool:
    """django-graphql-auth's apps are installed, so tokens can be issued and checked."""
    return all(apps.is_installed(name) for name in JWT_APPS)


def graphql_error(message: str, code: str, status: int) -> HttpResponse:
    """A GraphQL-shaped JSON error response."""
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return HttpResponse(json.dumps(body), status=status, content_type="application/json")


def bearer_token(request: HttpRequest) -> str | None:
    """The token of an ``Authorization: JWT <token>`` (or ``Bearer <token>``) header, if any."""
    parts = request.META.get("HTTP_AUTHORIZATION", "").split()
    if len(parts) == 2 and parts[0].lower() in TOKEN_PREFIXES:
        return parts[1]
    return None


def authenticate_token(request: HttpRequest, token: str) -> HttpResponse | None:
    """Set ``request.user`` from ``token``; a refusal response when the token is not valid.

    Valid means: signed with the server's key, unexpired (with ``JWT_VERIFY_EXPIRATION``), for an
    existing active user, and issued after that user's tokens were last revoked (:mod:`carrot.tokens`).
    """
    if not jwt_enabled():
        return graphql_error(JWT_NOT_ENABLED, "JWT_NOT_ENABLED", 401)
    from graphql_jwt.exceptions import JSONWebTokenError
    from graphql_jwt.utils import get_payload, get_user_by_payload

    from carrot import tokens

    try:
        payload = get_payload(token, request)
        user = get_user_by_payload(payload)
    except JSONWebTokenError as exc:
        return graphql_error(f"Invalid token: {exc}", "INVALID_TOKEN", 401)
    if user is None:
        return graphql_error("Invalid token: no such user", "INVALID_TOKEN", 401)
    if tokens.is_revoked(payload):
        return graphql_error("Invalid token: token revoked", "INVALID_TOKEN", 401)
    request.user = user
    request._carrot_token_auth = True  # type: ignore[attr-defined]
    return None


@functools.cache
def _decorators(paths: tuple[str, ...]) -> tuple[Callable[[View], View], ...]:
    return tuple(import_string(path) for path in paths)


def with_monitor_authentication(view: View) -> View:
    """``view`` wrapped by the ``CARROT['monitor_authentication']`` decorators (read per request)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        decorated = view
        for decorator in reversed(_decorators(get_settings().monitor_authentication)):
            decorated = decorator(decorated)
        return decorated(request, *args, **kwargs)

    return wrapped


def wants_html(request: HttpRequest) -> bool:
    """A browser navigating (GraphiQL or the monitor page), not an API client."""
    return request.method == "GET" and "text/html" in request.META.get("HTTP_ACCEPT", "")


def token_authenticated(request: HttpRequest) -> bool:
    """The request's user comes from a token in the ``Authorization`` header (never sent by a browser
    on its own, so a forged cross-site request cannot carry it)."""
    return bool(getattr(request, "_carrot_token_auth", False))


def session_authenticated(request: HttpRequest) -> bool:
    """The request's user comes from the session cookie (as in DRF's SessionAuthentication)."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and not token_authenticated(request))


def _refused(response: HttpResponse) -> HttpResponse:
    """A refusal by the decorators as a JSON GraphQL error; other responses unchanged."""
    if response.status_code in _REDIRECTS:
        return graphql_error("Authentication required: log in or send a JWT.", "UNAUTHENTICATED", 401)
    if response.get("Content-Type", "").split(";")[0] == "application/json":
        return response
    if response.status_code == 403:
        return graphql_error("You are not allowed to use the carrot monitor.", "FORBIDDEN", 403)
    if response.status_code == 404:
        return graphql_error("Not found.", "NOT_FOUND", 404)
    return response


def _decorated(view: View, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """``view`` behind the decorators, a raised ``PermissionDenied``/``Http404`` as a JSON error."""
    try:
        return view(request, *args, **kwargs)
    except (PermissionDenied, Http404) as exc:
        if wants_html(request):
            raise
        return _refused(HttpResponse(status=403 if isinstance(exc, PermissionDenied) else 404))


def protect_api(view: View) -> View:
    """Wrap the GraphQL view: JWT first, then ``monitor_authentication``.

    The result is CSRF-exempt as far as the middleware is concerned: the view runs the cross-site
    checks itself (:mod:`carrot.csrf`) once it knows the operation, after the decorators (so an
    anonymous request hears 401, not a CSRF failure).
    """
    guarded = with_monitor_authentication(view)

    @functools.wraps(view)
    def api(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = bearer_token(request)
        if token is not None:
            refused = authenticate_token(request, token)
            if refused is not None:
                return refused
        response = _decorated(guarded, request, *args, **kwargs)
        return response if wants_html(request) else _refused(response)

    api.csrf_exempt = True  # type: ignore[attr-defined]
    return api


def metrics_token_matches(request: HttpRequest) -> bool:
    """The request carries ``CARROT['metrics_token']`` as its bearer token (compared in constant time)."""
    expected = get_settings().metrics_token
    token = bearer_token(request)
    if expected is None or token is None:
        return False
    return hmac.compare_digest(token.encode(), expected.encode())
