"""Object types of the viewer domain: who the caller is and what they may do."""

from __future__ import annotations

from typing import Any

import graphene

from carrot.permissions import Action, Caller

MonitorAction = graphene.Enum.from_enum(
    Action, name="MonitorAction", description="Something a monitor user may be allowed to do."
)


class ActionPermission(graphene.ObjectType):
    """Whether the caller may do one action, and the permission it needs."""

    action = graphene.Field(MonitorAction, required=True, description="The action.")
    allowed = graphene.Boolean(required=True, description="The caller may do it.")
    permission = graphene.String(
        required=True, description="The Django permission it needs, e.g. carrot.purge_queue."
    )
    reason = graphene.String(description="Why the caller may not do it, for people; null when allowed.")


class Viewer(graphene.ObjectType):
    """The caller of the request: always answerable, even by a caller who may see nothing else."""

    username = graphene.String(description="The signed-in user's username; null when anonymous.")
    authenticated = graphene.Boolean(required=True, description="The caller is signed in.")
    via = graphene.String(
        required=True,
        description="How the caller signed in: session (the login cookie), token (a JSON Web Token) "
        "or none (anonymous).",
    )
    actions = graphene.List(
        graphene.NonNull(ActionPermission),
        required=True,
        description="Every action of the monitor, and whether the caller may do it.",
    )

    @staticmethod
    def resolve_username(caller: Caller, info: Any) -> str | None:
        return caller.username or None

    @staticmethod
    def resolve_authenticated(caller: Caller, info: Any) -> bool:
        return caller.authenticated

    @staticmethod
    def resolve_actions(caller: Caller, info: Any) -> list[dict[str, Any]]:
        return [
            {
                "action": action,
                "allowed": refusal is None,
                "permission": action.permission,
                "reason": refusal,
            }
            for action in Action
            for refusal in [caller.refusal(action)]
        ]
