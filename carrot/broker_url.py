"""Broker addresses: parse an AMQP URI (or a 1.x-style dict, or a list of cluster nodes) and show it
without its password."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import pika

from carrot.errors import ConfigurationError

_SCHEMES = {"amqp": 5672, "amqps": 5671}


def _masked(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc}"))


@dataclass(frozen=True)
class BrokerURL:
    """A broker address: one node, or the nodes of a cluster (``url`` first, then ``others``, tried in
    order). The URLs hold the password: never log or return them; use ``display``."""

    url: str
    others: tuple[str, ...] = ()
    """Further nodes of the same cluster, tried when the ones before them do not answer."""

    @property
    def nodes(self) -> tuple[BrokerURL, ...]:
        """Each node as a broker address of its own, in the order they are tried."""
        return tuple(BrokerURL(url) for url in (self.url, *self.others))

    @property
    def display(self) -> str:
        """The URL(s) with the password replaced by ``***``, safe for logs and API responses."""
        return ", ".join(_masked(url) for url in (self.url, *self.others))

    @cached_property
    def virtual_host(self) -> str:
        """The vhost, decoded (``%2F`` and ``%2f`` are both ``/``; an empty path is ``/`` too)."""
        path = urlsplit(self.url).path
        return unquote(path[1:]) if len(path) > 1 else "/"

    @property
    def host(self) -> str:
        """``host:port`` of each node, comma-separated."""
        return ", ".join(_host(url) for url in (self.url, *self.others))

    def parameters(self) -> pika.URLParameters:
        """Connection parameters for pika, of the first node (see :func:`carrot.broker.connect`)."""
        return pika.URLParameters(self.url)


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port or _SCHEMES[parts.scheme]}"


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


HOSTS_KEYS = ("hosts", "username", "password", "secure", "vhost", "port")
"""The keys of the cluster dict: ``hosts`` (``"name"`` or ``"name:port"`` each) share the rest."""


def _from_hosts(raw: Mapping[str, Any]) -> list[str]:
    """The node URLs of ``{"hosts": [...], "username": ..., ...}``, with the 1.x dict's defaults."""
    unknown = sorted(set(raw) - set(HOSTS_KEYS), key=str)
    if unknown:
        raise ConfigurationError(
            f"unknown key(s) {', '.join(map(repr, unknown))} beside 'hosts' (known: {', '.join(HOSTS_KEYS)})"
        )
    hosts = raw["hosts"]
    if not isinstance(hosts, list | tuple) or not hosts or not all(isinstance(h, str) and h for h in hosts):
        raise ConfigurationError(
            f"'hosts' must be a non-empty list of host names ('rabbit1' or 'rabbit1:5672'), got {hosts!r}"
        )
    urls = []
    for entry in hosts:
        host, _, port = entry.rpartition(":") if ":" in entry else (entry, "", "")
        if port and not port.isdigit():
            raise ConfigurationError(f"'hosts' entry {entry!r} must be 'name' or 'name:port'")
        node = {key: raw[key] for key in ("username", "password", "secure", "vhost", "port") if key in raw}
        node["host"] = host
        if port:
            node["port"] = int(port)
        urls.append(_from_dict(node))
    return urls


def parse_broker(raw: str | Mapping[str, Any] | list[Any] | tuple[Any, ...]) -> BrokerURL:
    """Parse a broker setting: an AMQP URI, a dict, a list of either (the nodes of a cluster), or a dict
    with ``hosts`` and their shared credentials. Raises :class:`ConfigurationError` saying what is wrong.
    """
    if isinstance(raw, list | tuple) or (isinstance(raw, Mapping) and "hosts" in raw):
        return _parse_nodes(raw)
    return _parse_node(raw)


def _parse_nodes(raw: Mapping[str, Any] | list[Any] | tuple[Any, ...]) -> BrokerURL:
    if isinstance(raw, Mapping):
        urls = _from_hosts(raw)
    elif not raw:
        raise ConfigurationError("a list of broker nodes must name at least one node")
    else:
        urls = []
        for index, item in enumerate(raw):
            if isinstance(item, list | tuple) or (isinstance(item, Mapping) and "hosts" in item):
                raise ConfigurationError(f"node [{index}] must be an AMQP URI or a broker dict, not a list")
            try:
                urls.append(_parse_node(item).url)
            except ConfigurationError as exc:
                raise ConfigurationError(f"node [{index}]: {exc}") from None
    nodes = [_parse_node(url) for url in urls]
    vhosts = {node.virtual_host for node in nodes}
    if len(vhosts) > 1:
        raise ConfigurationError(
            f"the nodes of one broker must share one virtual host, got {', '.join(sorted(map(repr, vhosts)))}"
        )
    seen: set[str] = set()
    for node in nodes:
        if node.host in seen:
            raise ConfigurationError(f"node {node.host} is listed twice")
        seen.add(node.host)
    return BrokerURL(urls[0], tuple(urls[1:]))


def _parse_node(raw: Any) -> BrokerURL:
    url = _from_dict(raw) if isinstance(raw, Mapping) else raw
    if not isinstance(url, str):
        raise ConfigurationError(
            f"must be an AMQP URI string, a dict, or a list of them (cluster nodes), got {type(raw).__name__}"
        )
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
