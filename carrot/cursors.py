"""Opaque keyset cursors: a kind's prefix and a primary key, base64-encoded (task logs, audit entries)."""

from __future__ import annotations

import base64
import binascii


def encode(prefix: str, pk: int) -> str:
    """The cursor pointing at the row with primary key ``pk`` of the kind ``prefix`` names."""
    return base64.urlsafe_b64encode(f"{prefix}{pk}".encode()).decode()


def decode(prefix: str, cursor: str) -> int | None:
    """The primary key inside ``cursor``; ``None`` when it is not a cursor of this kind."""
    try:
        text = base64.urlsafe_b64decode(cursor.encode("ascii")).decode()
        if not text.startswith(prefix):
            return None
        return int(text.removeprefix(prefix))
    except (ValueError, UnicodeError, binascii.Error):
        return None
