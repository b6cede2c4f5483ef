"""URLs of the monitor benchmark's site: ours under ``/carrot/``, the stock API at ``/stock/graphql``."""

from django.urls import include, path
from monitor_stock import stock_graphql

urlpatterns = [
    path("carrot/", include("carrot.urls")),
    path("stock/graphql", stock_graphql),
]
