"""GraphiQL, served from carrot's own static files.

graphene-django's GraphiQL page loads React and GraphiQL from a public CDN: blank without internet and
impossible under a strict Content-Security-Policy. carrot builds GraphiQL with the monitor's UI
(``carrot/static/carrot/graphiql.js`` and ``graphiql.css``) and serves this page instead: no inline
script or style, its settings in a ``json_script`` tag, and Django's CSRF token in a meta tag that
GraphiQL sends back as ``X-CSRFToken`` (so its mutations pass the CSRF check like the monitor's).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from graphene_django import settings as graphene_django_settings

TEMPLATE = "carrot/graphiql.html"


def page_config(request: HttpRequest) -> dict[str, Any]:
    """What the page tells GraphiQL: the API at the path it was served from, and graphene-django's
    ``GRAPHIQL_*`` settings for the header editor, persisted headers and deprecated input values.

    The settings are read through the module: graphene-django replaces its settings object when
    ``GRAPHENE`` changes, so a reference taken at import would keep the old values.
    """
    graphene = graphene_django_settings.graphene_settings
    return {
        "url": request.path,
        "headerEditor": bool(graphene.GRAPHIQL_HEADER_EDITOR_ENABLED),
        "persistHeaders": bool(graphene.GRAPHIQL_SHOULD_PERSIST_HEADERS),
        "inputValueDeprecation": bool(graphene.GRAPHIQL_INPUT_VALUE_DEPRECATION),
    }


def graphiql_page(request: HttpRequest) -> HttpResponse:
    """The GraphiQL page for a browser's GET of a GraphQL endpoint."""
    return render(request, TEMPLATE, {"graphiql_config": page_config(request)})
