"""The peer of the monitor benchmark: stock graphene-django, as its docs show a model connection.

A ``DjangoObjectType`` for ``MessageLog`` with the Relay ``Node`` interface and a
``DjangoConnectionField`` narrowed by status: graphene-django counts the queryset (``COUNT(*)``) for
every page and slices it with ``OFFSET``, its cursors being offsets. Served behind the same
``login_required`` and CSRF check as ours.
"""

from __future__ import annotations

from typing import Any

import graphene
from django.contrib.auth.decorators import login_required
from graphene import relay
from graphene_django import DjangoConnectionField, DjangoObjectType
from graphene_django.views import GraphQLView

from carrot.models import MessageLog


class StockLog(DjangoObjectType):
    class Meta:
        model = MessageLog
        interfaces = (relay.Node,)
        fields = (
            "uuid",
            "task",
            "status",
            "queue",
            "priority",
            "publish_time",
            "completion_time",
            "failure_time",
            "exception",
        )


class Query(graphene.ObjectType):
    logs = DjangoConnectionField(StockLog, status=graphene.List(graphene.String))

    @staticmethod
    def resolve_logs(root: Any, info: Any, status: list[str] | None = None, **kwargs: Any) -> Any:
        logs = MessageLog.objects.order_by("-id")
        return logs.filter(status__in=status) if status else logs


stock_graphql = login_required(GraphQLView.as_view(schema=graphene.Schema(query=Query)))
