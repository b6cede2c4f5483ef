"""django-carrot 1.x's REST API paths under the monitor: each answers 404 with where its data lives now.

Without these, the monitor's catch-all route would answer 1.x's API clients with the monitor's page
(200, HTML), and a script would fail later, parsing it.
"""

from django.http import HttpRequest, JsonResponse
from django.urls import re_path, reverse
from django.views.decorators.csrf import csrf_exempt

PATHS_1X = r"^api/(?:message-logs|scheduled-tasks)(?:/|$)"
"""1.x's ``api/message-logs/...`` (published, failed, completed, purge, requeue, <id>) and
``api/scheduled-tasks/...`` (the list, task-choices, validate-args, <id>, <id>/run)."""


@csrf_exempt
def moved(request: HttpRequest) -> JsonResponse:
    """404 naming the GraphQL endpoint; for every method, so 1.x's POSTs get the pointer too."""
    namespace = request.resolver_match.namespace if request.resolver_match else "carrot"
    graphql_url = reverse(f"{namespace}:graphql")
    return JsonResponse(
        {
            "error": f"django-carrot 2 has no REST API: {request.path} of 1.x is replaced by the GraphQL "
            f"API at {graphql_url} (see the docs page 'upgrading').",
            "graphql": graphql_url,
            "docs": "upgrading",
        },
        status=404,
    )


urlpatterns = [re_path(PATHS_1X, moved, name="moved-1x")]
