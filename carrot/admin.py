"""The Django admin's view of the audit log: read-only, filtered by outcome and mutation, searched by user.

Entries are written by the monitor's API only (:mod:`carrot.audit`); nobody adds, changes or deletes
them here, superusers included (the service deletes them after ``CARROT['audit_log_retention_days']``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from carrot.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("time", "username", "via", "address", "mutation", "outcome", "rows", "messages")
    list_filter = ("outcome", "mutation", "via")
    search_fields = ("username",)
    date_hierarchy = "time"
    ordering = ("-id",)
    readonly_fields = [field.name for field in AuditEntry._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
