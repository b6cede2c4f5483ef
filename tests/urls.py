from django.urls import include, path

# The monitor under two prefixes, to show that any prefix works.
urlpatterns = [
    path("carrot/", include("carrot.urls")),
    path("ops/monitor/", include(("carrot.urls", "carrot"), namespace="ops-carrot")),
]
