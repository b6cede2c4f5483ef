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


DICT_KEYS = ("host", "port", "name", "username", "password", "secure", "vhost")
"""The keys of 1.x's broker dict (the arguments of its ``VirtualHost``), and ``vhost`` for ``name``."""


def _from_dict(raw: Mapping[str, Any]) -> str:
    """Build a URI from the 1.x dict form, with 1.x's defaults (``localhost``, ``guest``, the ``/`` vhost).

    ``name`` is the vhost as 1.x took it, URL-encoded (1.x's default ``%2f`` is ``/``): it is decoded,
    then encoded once. 1.x also took ``{"url": ...}`` alone; with ``url``, the rest goes in the URL.
    """
    if "url" in raw:
        if len(raw) > 1:
            others = ", ".join(repr(key) for key in sorted(raw) if key != "url")
            raise ConfigurationError(
                f"a broker dict with 'url' takes nothing else (got {others}): write them in the URL, "
                "amqps://username:password@host:port/vhost (amqps for 'secure', %2F for the / vhost)"
            )
        if not isinstance(raw["url"], str):
            raise ConfigurationError(f"a broker dict's 'url' must be an AMQP URI string, got {raw['url']!r}")
        return raw["url"]
    unknown = sorted(set(raw) - set(DICT_KEYS), key=str)
    if unknown:
        raise ConfigurationError(
            f"unknown broker dict key(s) {', '.join(map(repr, unknown))} (known: 'url' alone, or "
            f"{', '.join(map(repr, DICT_KEYS))})"
        )
    host = raw.get("host", "localhost")
    if not isinstance(host, str) or not host:
        raise ConfigurationError(f"a broker dict's 'host' must be a host name, got {host!r}")
    scheme = "amqps" if raw.get("secure") else "amqp"
    try:
        port = int(raw.get("port", _SCHEMES[scheme]))
        user = quote(str(raw.get("username", "guest")), safe="")
        password = quote(str(raw.get("password", "guest")), safe="")
        vhost = quote(unquote(str(raw.get("name", raw.get("vhost", "/")))), safe="")
    except (TypeError, ValueError) as exc:  # a port that is no number; text UTF-8 cannot encode
        raise ConfigurationError(f"invalid broker dict: {exc}") from None
    return f"{scheme}://{user}:{password}@{host}:{port}/{vhost}"


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
