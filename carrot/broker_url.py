"""Broker addresses: parse an AMQP URI (or a 1.x-style dict) and show it without its password."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import pika

from carrot.errors import ConfigurationError

_SCHEMES = {"amqp": 5672, "amqps": 5671}


@dataclass(frozen=True)
class BrokerURL:
    """A broker address. ``url`` holds the password: never log or return it; use ``display``."""

    url: str

    @property
    def display(self) -> str:
        """The URL with the password replaced by ``***``, safe for logs and API responses."""
        parts = urlsplit(self.url)
        if parts.password is None:
            return self.url
        netloc = parts.netloc.rsplit("@", 1)[1]
        user = parts.username or ""
        return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc}"))

    @cached_property
    def virtual_host(self) -> str:
        """The vhost, decoded (``%2F`` and ``%2f`` are both ``/``; an empty path is ``/`` too)."""
        path = urlsplit(self.url).path
        return unquote(path[1:]) if len(path) > 1 else "/"

    @property
    def host(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.hostname}:{parts.port or _SCHEMES[parts.scheme]}"

    def parameters(self) -> pika.URLParameters:
        """Connection parameters for pika."""
        return pika.URLParameters(self.url)


def _from_dict(raw: Mapping[str, Any]) -> str:
    """Build a URI from the 1.x dict form ``{host, port, name, username, password, secure}``."""
    if "host" not in raw:
        raise ConfigurationError("a broker dict needs at least 'host'")
    scheme = "amqps" if raw.get("secure") else "amqp"
    user = quote(str(raw.get("username", "guest")), safe="")
    password = quote(str(raw.get("password", "guest")), safe="")
    port = int(raw.get("port", _SCHEMES[scheme]))
    vhost = quote(str(raw.get("name", raw.get("vhost", "/"))), safe="")
    return f"{scheme}://{user}:{password}@{raw['host']}:{port}/{vhost}"


def parse_broker(raw: str | Mapping[str, Any]) -> BrokerURL:
    """Parse a broker setting; raises :class:`ConfigurationError` saying what is wrong."""
    url = _from_dict(raw) if isinstance(raw, Mapping) else raw
    if not isinstance(url, str):
        raise ConfigurationError(f"must be an AMQP URI string or a dict, got {type(raw).__name__}")
    parts = urlsplit(url)
    if parts.scheme not in _SCHEMES or not parts.hostname:
        raise ConfigurationError(
            f"{BrokerURL(url).display!r} is not an AMQP URI; expected amqp://user:password@host:5672/vhost"
        )
    try:
        pika.URLParameters(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except (ValueError, TypeError) as exc:
        raise ConfigurationError(f"{BrokerURL(url).display!r} is not a valid AMQP URI: {exc}") from None
    return BrokerURL(url)
