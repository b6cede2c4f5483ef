"""Who may use the monitor: ``CARROT['monitor_authentication']``, JWT for other services, CSRF.

* The ``monitor_authentication`` decorators (dotted paths) wrap the monitor page, the GraphQL API and
  GraphiQL, and nothing else. With none configured the monitor is public, as in django-carrot 1.x.
* A JWT in the ``Authorization`` header (``JWT <token>`` or ``Bearer <token>``) authenticates the
  request *before* those decorators run, so ``login_required`` lets a valid token through. A bad,
  expired or revoked token is refused with 401 whatever the decorators say.
* Cookie-authenticated requests keep Django's CSRF protection; token-authenticated ones need no
  cookie, so they need no CSRF token either; nor do anonymous ones (of a public monitor), which carry
  no credentials a forged request could borrow.
* An API request the decorators refuse (a redirect to the login page, or a 403) gets a JSON GraphQL
  error with status 401/403 instead; a browser asking for GraphiQL or the monitor page is redirected.

JWT needs django-graphql-auth's apps in ``INSTALLED_APPS`` (``graphql_auth`` and
``graphql_jwt.refresh_token``); see ``docs/api.rst``.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
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


def csrf_failure(request: HttpRequest) -> HttpResponse | None:
    """Django's CSRF check for a cookie-authenticated request, as a JSON 403 when it fails."""
    refused = CsrfViewMiddleware(lambda _: HttpResponse()).process_view(request, None, (), {})  # type: ignore[arg-type]
    if refused is None:
        return None
    return graphql_error(
        "CSRF verification failed: send the csrftoken cookie's value in the X-CSRFToken header, "
        "or authenticate with a JWT in the Authorization header.",
        "CSRF_FAILED",
        403,
    )


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


def _session_authenticated(request: HttpRequest) -> bool:
    """The request's user comes from the session cookie (as in DRF's SessionAuthentication).

    Only those requests carry ambient credentials a forged cross-site request could use; an anonymous
    request could be sent by anyone directly, and a token is never sent by the browser on its own.
    """
    user = getattr(request, "user", None)
    return bool(
        user is not None and user.is_authenticated and not getattr(request, "_carrot_token_auth", False)
    )


def protect_api(view: View) -> View:
    """Wrap the GraphQL view: JWT first, then ``monitor_authentication``, then CSRF for cookies.

    The result is CSRF-exempt as far as the middleware is concerned, because it runs the CSRF check
    itself, after the decorators (so an anonymous request hears 401, not a CSRF failure) and only for
    session-authenticated requests.
    """

    @functools.wraps(view)
    def csrf_checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if _session_authenticated(request):
            refused = csrf_failure(request)
            if refused is not None:
                return refused
        return view(request, *args, **kwargs)

    guarded = with_monitor_authentication(csrf_checked)

    @functools.wraps(view)
    def api(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = bearer_token(request)
        if token is not None:
            refused = authenticate_token(request, token)
            if refused is not None:
                return refused
        response = guarded(request, *args, **kwargs)
        if wants_html(request):
            return response
        if response.status_code in _REDIRECTS:
            return graphql_error("Authentication required: log in or send a JWT.", "UNAUTHENTICATED", 401)
        if (
            response.status_code == 403
            and response.get("Content-Type", "").split(";")[0] != "application/json"
        ):
            return graphql_error("You are not allowed to use the carrot monitor.", "FORBIDDEN", 403)
        return response

    api.csrf_exempt = True  # type: ignore[attr-defined]
    return api
