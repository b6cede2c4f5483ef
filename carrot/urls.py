"""Include under any prefix: ``path("carrot/", include("carrot.urls"))``.

* ``<prefix>/``: the monitor (and its client-side routes below it)
* ``<prefix>/graphql``: the GraphQL API (POST) and GraphiQL (a browser GET)
* ``<prefix>/graphql/auth``: the JWT token mutations (no session needed)
* ``<prefix>/metrics``: task, queue and worker metrics in Prometheus' text format
* ``<prefix>/api/...``: django-carrot 1.x's REST paths, answering 404 with a pointer to the GraphQL API

Other services depend on these paths: keep them stable.
"""

from django.urls import path, re_path

from carrot import legacy_urls, views

app_name = "carrot"

urlpatterns = [
    path("graphql", views.graphql, name="graphql"),
    path("graphql/auth", views.graphql_auth, name="graphql-auth"),
    path("metrics", views.metrics, name="metrics"),
    *legacy_urls.urlpatterns,
    re_path(r"^(?!graphql(?:/|$))(?P<path>.*)$", views.monitor, name="monitor"),
]
