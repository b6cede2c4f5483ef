"""The Query field of the viewer domain."""

from __future__ import annotations

from typing import Any

import graphene

from carrot.permissions import Caller, caller
from carrot.schema.viewer.types import Viewer


class ViewerQueries(graphene.ObjectType):
    viewer = graphene.Field(
        Viewer,
        required=True,
        description="Who the caller is and what they may do; needs no permission.",
    )

    @staticmethod
    def resolve_viewer(root: Any, info: Any) -> Caller:
        return caller(info.context)
