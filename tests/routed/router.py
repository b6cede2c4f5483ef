"""A database router: carrot's tables in the ``carrot`` database, everything else in ``default``."""

from __future__ import annotations

from typing import Any

CARROT_DB = "carrot"


class CarrotRouter:
    """carrot's models read, written and migrated on ``carrot``; the other apps on ``default``."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        return CARROT_DB if model._meta.app_label == "carrot" else None

    db_for_write = db_for_read

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return (db == CARROT_DB) == (app_label == "carrot")
