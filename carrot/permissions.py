"""Who may do what in the monitor: actions, the Django permissions behind them, and the two roles.

Every query and mutation of the monitor's API is one :class:`Action`; each action needs one Django
permission on carrot's models (``carrot.view_messagelog``, ``carrot.purge_queue``...). A signed-in user
(by session or by token) has the permissions Django gives them (their own, their groups', all of them
for a superuser); an anonymous user of a public monitor has those of ``CARROT['anonymous_role']``.

The two roles, ``viewer`` (every view permission) and ``operator`` (every permission), are defined here
once: for anonymous users, and as the groups ``manage.py carrot_roles`` creates.
"""

from __future__ import annotations

import enum
import ipaddress
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from carrot.conf import get_settings


class Action(enum.Enum):
    """Something a monitor user may be allowed to do, with the permission it needs."""

    VIEW_TASKS = ("view_messagelog", "Seeing tasks, their counts, registered tasks and queues")
    PUBLISH_TASKS = ("add_messagelog", "Publishing tasks, or running a scheduled task now")
    REQUEUE_TASKS = ("change_messagelog", "Requeueing, cancelling or running waiting tasks now")
    DELETE_TASKS = ("delete_messagelog", "Deleting tasks")
    PURGE_QUEUES = ("purge_queue", "Purging queues")
    PAUSE_QUEUES = ("change_queuepause", "Pausing or resuming queues")
    QUIET_WORKERS = ("change_worker", "Telling a service to take no new tasks, or to take them again")
    VIEW_SCHEDULED = ("view_scheduledtask", "Seeing scheduled tasks")
    ADD_SCHEDULED = ("add_scheduledtask", "Creating scheduled tasks")
    CHANGE_SCHEDULED = ("change_scheduledtask", "Changing, pausing or resuming scheduled tasks")
    DELETE_SCHEDULED = ("delete_scheduledtask", "Deleting scheduled tasks")
    VIEW_AUDIT_LOG = ("view_auditentry", "Seeing the audit log")

    def __init__(self, codename: str, what: str) -> None:
        """``what``: the action for people, as the subject of "... needs the permission"."""
        self.codename = codename
        self.what = what

    @property
    def description(self) -> str:
        """For the schema: the action and its permission."""
        return f"{self.what} (needs {self.permission})."

    @property
    def permission(self) -> str:
        """The permission as ``user.has_perm`` takes it, e.g. ``carrot.view_messagelog``."""
        return f"carrot.{self.codename}"


VIEWER = "viewer"
OPERATOR = "operator"
ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    # The audit log names people and their addresses: operators read it, viewers do not.
    VIEWER: frozenset({Action.VIEW_TASKS, Action.VIEW_SCHEDULED}),
    OPERATOR: frozenset(Action),
}
"""What each role may do; the keys are the values ``CARROT['anonymous_role']`` accepts."""
ROLE_GROUPS = {VIEWER: "carrot viewers", OPERATOR: "carrot operators"}
"""The Django group of each role, as ``manage.py carrot_roles`` creates it."""


@dataclass(frozen=True)
class Caller:
    """Who sent a request to the monitor's API."""

    user: Any
    via: str
    """``session`` (the login cookie), ``token`` (a JSON Web Token) or ``none`` (anonymous)."""
    address: str | None

    @property
    def authenticated(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False))

    @property
    def username(self) -> str:
        """The user's name; ``""`` for an anonymous user."""
        return str(self.user.get_username()) if self.authenticated else ""

    def may(self, action: Action) -> bool:
        """The caller has the permission ``action`` needs."""
        if self.authenticated:
            return bool(self.user.has_perm(action.permission))
        role = get_settings().anonymous_role
        return role is not None and action in ROLE_ACTIONS[role]

    def refusal(self, action: Action) -> str | None:
        """Why the caller may not do ``action``, for people; ``None`` when they may."""
        if self.may(action):
            return None
        needs = f"{action.what} needs the permission {action.permission}"
        if self.authenticated:
            return f"{needs} ({self.username!r} does not have it)."
        role = get_settings().anonymous_role
        given = f"the {role!r} role" if role else "no permissions (CARROT['anonymous_role'] is None)"
        return f"{needs} (anonymous users have {given}; sign in as a user who has it)."


def caller(request: HttpRequest) -> Caller:
    """The :class:`Caller` of a request (its user as the session or a token set it)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        via = "none"
    elif getattr(request, "_carrot_token_auth", False):
        via = "token"
    else:
        via = "session"
    return Caller(user=user, via=via, address=_ip_address(request.META.get("REMOTE_ADDR")))


def _ip_address(value: Any) -> str | None:
    """``REMOTE_ADDR`` when it is an IP address; ``None`` for anything else (a unix socket's ``""``)."""
    try:
        return str(ipaddress.ip_address(str(value)))
    except ValueError:
        return None


def ensure_role_groups() -> dict[str, list[str]]:
    """Create or update the group of each role with exactly its permissions; returns them by group.

    Idempotent: running it again resets the groups' carrot permissions to the roles' definitions
    (permissions of other apps given to those groups are left alone).
    """
    from django.contrib.auth.models import Group, Permission

    granted: dict[str, list[str]] = {}
    for role, actions in ROLE_ACTIONS.items():
        group, _ = Group.objects.get_or_create(name=ROLE_GROUPS[role])
        wanted = Permission.objects.filter(
            content_type__app_label="carrot", codename__in=[a.codename for a in actions]
        )
        missing = {a.codename for a in actions} - set(wanted.values_list("codename", flat=True))
        if missing:
            raise LookupError(f"Permissions missing (run `manage.py migrate` first): {sorted(missing)}")
        group.permissions.remove(*group.permissions.filter(content_type__app_label="carrot"))
        group.permissions.add(*wanted)
        granted[group.name] = sorted(p.codename for p in wanted)
    return granted
