"""A ``monitor_authentication`` decorator for the tests: staff only, refused with a plain 403."""

from functools import wraps

from django.http import HttpResponseForbidden


def staff_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_staff):
            return HttpResponseForbidden("staff only")
        return view(request, *args, **kwargs)

    return wrapped
