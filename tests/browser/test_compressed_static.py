"""The monitor's files served pre-compressed, as docs/static-files.rst sets it up.

``collectstatic`` with WhiteNoise's compressed storages writes ``.gz`` and ``.br`` beside each file;
WhiteNoiseMiddleware answers each request with the encoding it accepts; a cold load of the monitor in
Chromium then moves at most 250 KB, and a part the script loads by a relative URL (under its plain
name, beside the hashed script) comes compressed too. The other browser tests' live server serves
static files itself, uncompressed, from the apps' folders: these tests start their own server, with
WhiteNoise, over a STATIC_ROOT collected once per storage for this module.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import json
import re
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import brotli
import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test.testcases import LiveServerThread
from django.test.utils import override_settings
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MANIFEST = "whitenoise.storage.CompressedManifestStaticFilesStorage"
PLAIN = "whitenoise.storage.CompressedStaticFilesStorage"
WHITENOISE = "whitenoise.middleware.WhiteNoiseMiddleware"
MONITOR_FILES = ("carrot/monitor.js", "carrot/monitor.css")
IGNORED = ["graphiql*"]
"""GraphiQL's bundle is twice the monitor's: collecting without it halves the time these tests take."""
COLD_LOAD_BUDGET = 250 * 1024
DECOMPRESS: dict[str, Callable[[bytes], bytes]] = {"br": brotli.decompress, "gzip": gzip.decompress}
SUFFIXES = {"br": ".br", "gzip": ".gz"}


def storage_settings(root: Path, backend: str) -> dict[str, Any]:
    """The settings that collect into and serve from ``root`` with the static files storage ``backend``."""
    return {"STATIC_ROOT": str(root), "STORAGES": {**settings.STORAGES, "staticfiles": {"BACKEND": backend}}}


def collect(root: Path, backend: str, **overrides: Any) -> Path:
    """Run ``collectstatic`` into ``root`` with the storage ``backend`` (and other settings ``overrides``)."""
    with override_settings(**storage_settings(root, backend), **overrides):
        call_command("collectstatic", interactive=False, ignore_patterns=IGNORED, verbosity=0)
    return root


@contextlib.contextmanager
def whitenoise_server(root: Path) -> Iterator[str]:
    """A live server with WhiteNoiseMiddleware over ``root``, collected by the manifest storage, as in
    production (DEBUG is off): no static files handler of its own in front of Django."""
    middleware = [WHITENOISE, *settings.MIDDLEWARE]
    with override_settings(
        **storage_settings(root, MANIFEST), MIDDLEWARE=middleware, ALLOWED_HOSTS=["localhost"]
    ):
        thread = LiveServerThread("localhost", static_handler=lambda handler: handler)
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        yield f"http://localhost:{thread.port}"
        thread.terminate()


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The STATIC_ROOT that ``collectstatic`` fills with a storage backend, once per backend."""
    return functools.cache(lambda backend: collect(tmp_path_factory.mktemp("static"), backend))


@pytest.fixture(scope="module")
def server(django_db_setup: None, collected: Callable[[str], Path]) -> Iterator[str]:
    """The live server over the monitor's files as collected by the manifest storage."""
    with whitenoise_server(collected(MANIFEST)) as url:
        yield url


@pytest.fixture(scope="module")
def split_bundle_server(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The live server over a stand-in for a monitor bundle split in two: its script loads the second part
    as Vite's builds do (``import("./monitor-part.js")``, relative to the script's own, hashed URL)."""
    source = tmp_path_factory.mktemp("split-bundle")
    (source / "carrot").mkdir()
    (source / "carrot" / "monitor.js").write_text(
        'import("./monitor-part.js").then((part) => { document.body.dataset.part = part.loaded; });\n'
    )
    padding = "".join(f"/* the rest of the part, line {n} */\n" for n in range(200))  # worth compressing
    (source / "carrot" / "monitor-part.js").write_text(f'export const loaded = "yes";\n{padding}')
    (source / "carrot" / "monitor.css").write_text("body { margin: 0; }\n")
    root = collect(
        tmp_path_factory.mktemp("static"),
        MANIFEST,
        STATICFILES_DIRS=[str(source)],
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
    )
    with whitenoise_server(root) as url:
        yield url


def get(url: str, accept_encoding: str | None = None) -> tuple[dict[str, str], bytes]:
    """GET ``url`` as sent (urllib decodes no Content-Encoding): the headers (lower-cased) and the body."""
    headers = {"Accept-Encoding": accept_encoding} if accept_encoding else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


def linked_files(page_html: str) -> dict[str, str]:
    """The monitor's script and stylesheet as the page links them: {"carrot/monitor.js": its URL path}."""
    urls = re.findall(r'(?:src|href)="(/static/carrot/monitor[^"]*)"', page_html)
    return {re.sub(r"\.[0-9a-f]{12}\.", ".", url.removeprefix("/static/")): url for url in urls}


@pytest.mark.parametrize("backend", [MANIFEST, PLAIN])
def test_collectstatic_writes_gzip_and_brotli_beside_each_monitor_file(
    collected: Callable[[str], Path], backend: str
) -> None:
    root = collected(backend)
    hashed = json.loads((root / "staticfiles.json").read_text())["paths"] if backend == MANIFEST else {}
    for name in MONITOR_FILES:
        source = Path(finders.find(name)).read_bytes()
        assert (root / name).read_bytes() == source
        # The plain name stays beside the hashed one: chunks loaded by a relative URL are asked for by it.
        for written in (name, hashed.get(name, name)):
            original = (root / written).read_bytes()
            for encoding, suffix in SUFFIXES.items():
                compressed = root / (written + suffix)
                assert compressed.exists(), f"collectstatic wrote no {compressed.name}"
                assert DECOMPRESS[encoding](compressed.read_bytes()) == original
                assert compressed.stat().st_size < len(original) / 3, f"{compressed.name} is barely smaller"
    if backend == MANIFEST:
        assert set(MONITOR_FILES) <= hashed.keys()


def test_whitenoise_serves_the_monitors_files_in_the_encoding_asked_for(
    server: str, collected: Callable[[str], Path], transactional_db: None
) -> None:
    root = collected(MANIFEST)
    _, page = get(f"{server}/carrot/")
    linked = linked_files(page.decode())
    assert set(linked) == set(MONITOR_FILES), f"the page links {linked}"
    for name, url in linked.items():
        assert url != f"/static/{name}", f"{name} is linked without its content hash"
        original = (root / url.removeprefix("/static/")).read_bytes()
        for encoding, decompress in DECOMPRESS.items():
            headers, body = get(server + url, accept_encoding=f"{encoding}, identity")
            assert headers.get("content-encoding") == encoding, f"{url} with {encoding}: {headers}"
            assert decompress(body) == original
            assert "immutable" in headers["cache-control"], headers["cache-control"]
            assert "accept-encoding" in headers["vary"].lower()
        headers, body = get(server + url)
        assert "content-encoding" not in headers
        assert body == original
        # By the plain name too, as the bundle's lazily loaded chunks are asked for (relative to it).
        headers, body = get(f"{server}/static/{name}", accept_encoding="br")
        assert headers.get("content-encoding") == "br"
        assert headers["cache-control"] == "max-age=60, public", "a plain name may change with a release"
        assert brotli.decompress(body) == (root / name).read_bytes()


def test_a_cold_load_of_the_monitor_moves_at_most_250_kb(
    server: str, page: Any, transactional_db: None
) -> None:
    """Everything Chromium receives (headers included, as it counts them) until the monitor shows its counts,
    in a fresh browser context: nothing cached."""
    responses: dict[str, dict[str, Any]] = {}
    sizes: dict[str, int] = {}
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.on("Network.responseReceived", lambda e: responses.update({e["requestId"]: e["response"]}))
    cdp.on("Network.loadingFinished", lambda e: sizes.update({e["requestId"]: int(e["encodedDataLength"])}))
    page.goto(f"{server}/carrot/")
    expect(page.get_by_test_id("count-completed")).to_have_text("0")
    page.wait_for_load_state("networkidle")
    finished = [(size, responses[request]["url"]) for request, size in sizes.items() if request in responses]
    total = sum(sizes.values())
    print(f"\ncold load of the monitor: {total / 1024:.1f} KB in {len(sizes)} responses")
    for size, url in sorted(finished, reverse=True):
        print(f"  {size / 1024:7.1f} KB  {url.removeprefix(server)}")
    for response in responses.values():
        assert response["status"] < 400, f"{response['url']} answered {response['status']}"
        if "/static/carrot/monitor" in response["url"]:
            encoding = {k.lower(): v for k, v in response["headers"].items()}.get("content-encoding")
            assert encoding in ("br", "gzip"), f"{response['url']} came uncompressed"
    assert any("/static/carrot/monitor" in url for _, url in finished), "the bundle was not loaded"
    assert total <= COLD_LOAD_BUDGET, f"a cold load moved {total / 1024:.1f} KB (budget 250 KB)"


def test_a_part_the_script_loads_by_relative_url_is_served_compressed(
    split_bundle_server: str, page: Any, transactional_db: None
) -> None:
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(f"{split_bundle_server}/carrot/")
    expect(page.locator("body[data-part=yes]")).to_have_count(1)
    script = next(r for r in responses if "/static/carrot/monitor." in r.url and r.url.endswith(".js"))
    assert re.search(r"/monitor\.[0-9a-f]{12}\.js$", script.url), f"the page links {script.url}"
    part = next(r for r in responses if r.url.endswith("/static/carrot/monitor-part.js"))
    assert part.status == 200
    assert part.all_headers().get("content-encoding") in ("br", "gzip"), part.all_headers()
