"""Cross-site request checks for the GraphQL API: who may write, and who may read with a cookie.

The API view is exempt from Django's CSRF middleware and asks this module instead, once it knows
the operation (see :class:`carrot.views.CarrotGraphQLView`):

* A **mutation** not authenticated by a token (JWT) needs a same-origin ``Origin`` header (the
  request's own scheme, host and port, or one of ``settings.CSRF_TRUSTED_ORIGINS``) or a request
  that passes Django's CSRF check (the ``csrftoken`` cookie's value in the ``X-CSRFToken`` header).
  That holds with or without a login: a public monitor has no cookie to borrow, yet a page on
  another site could still drive it through its visitors' browsers.
* A **query** of a session-authenticated user needs Django's CSRF check (a cross-site page cannot
  read the answer, but the check costs the monitor nothing); other queries need nothing.

Django's check (:meth:`~django.middleware.csrf.CsrfViewMiddleware.process_view`) logs its own
``Forbidden (reason)`` warning when it refuses, and honours the test client's
``enforce_csrf_checks=False``.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware

from carrot import auth

CSRF_FAILED = (
    "Cross-site request refused: send the csrftoken cookie's value in the X-CSRFToken header, send "
    "the request from the monitor's own origin (its Origin header), or authenticate with a JWT in "
    "the Authorization header."
)


def _middleware() -> CsrfViewMiddleware:
    return CsrfViewMiddleware(lambda _request: HttpResponse())


def django_check_passes(request: HttpRequest) -> bool:
    """The request passes Django's CSRF check: token (and ``Origin`` or ``Referer``) verified."""
    return _middleware().process_view(request, None, (), {}) is None  # type: ignore[arg-type]


def same_origin(request: HttpRequest) -> bool:
    """The browser says the request comes from this site (or a trusted origin) in ``Origin``.

    Browsers set ``Origin`` on every cross-origin request and on same-origin POSTs, and no page can
    change it. Django's own rule decides what matches (``CSRF_TRUSTED_ORIGINS``, wildcards included).
    """
    origin = request.META.get("HTTP_ORIGIN", "")
    if not origin or origin == "null":
        return False
    return bool(_middleware()._origin_verified(request))  # type: ignore[attr-defined]


def allowed(request: HttpRequest, mutation: bool) -> bool:
    """The request may run: see the module's docstring for the rule."""
    if auth.token_authenticated(request):
        return True
    if mutation:
        return same_origin(request) or django_check_passes(request)
    return not auth.session_authenticated(request) or django_check_passes(request)
