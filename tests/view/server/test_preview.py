"""The map's preview (geo.view.server): built from the default view, kept on disk, put into Streamlit's page."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from _paths import DATA

from geo.view.files._served import published_path
from geo.view.server import _preview as preview_module
from geo.view.server._preview import Preview, build_preview, current_preview, data_signature, restore_preview

DATA_LAYERS = DATA / "layers"


@pytest.fixture()
def layers_copy(tmp_path: Path) -> Path:
    """The hand-made layers in a folder of the test's own (their times can be changed)."""
    folder = tmp_path / "layers"
    shutil.copytree(DATA_LAYERS, folder)
    return folder


@pytest.fixture()
def kept_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own, and no preview published before."""
    monkeypatch.setenv("YUQIAN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(preview_module, "_current", None)
    return tmp_path / "cache" / "preview"


def test_the_preview_is_the_default_view_drawn_from_the_live_maps_files(layers_copy: Path, kept_in: Path) -> None:
    made = build_preview(str(layers_copy))
    assert current_preview() == made and made.signature == data_signature(str(layers_copy))
    page = published_path(made.page)
    assert page is not None
    text = page.read_text(encoding="utf-8")
    # the same joined Leaflet script and features file as the live map, by relative URLs only
    bundle, features = made.preloads[:2]  # then the filter index, if this process has made it
    assert bundle.startswith("geo.view.files._assets.offline_bundle/leaflet-bundle-zh-")
    assert features.startswith("geo.view.map._data.map_data/") and features.endswith(".json")
    assert f'"../{features}"' in text and f'src="../{bundle}"' in text
    assert not re.search(r'(src|href)="(https?:)?//', text), "nothing from another host"
    assert "window.yqIsPreview = true" in text and re.search(r"window\.map = map_[0-9a-f]+;", text)
    assert "YQ[\"legend\"]" in text and "L.control.layers" in text  # legend and layer control as in the viewer
    # kept on disk for the next server start
    kept = {p.name for p in kept_in.iterdir()}
    assert kept == {"preview.json", made.page, *(p.split("/")[-1] for p in made.preloads)}


def test_the_preview_made_again_with_the_filter_index_answers_the_filters(layers_copy: Path, kept_in: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from geo.view.cache import build_filter_index
    from geo.view.map import _filter_index
    from geo.view.server._preview import answers_filters, build_preview_with_index

    folder = str(layers_copy)
    signature = data_signature(folder)
    monkeypatch.setattr(_filter_index, "_PUBLISHED", {})  # no index made yet in this process
    first = build_preview(folder)  # the first view's: made before the index (it needs every name's pinyin)
    assert not answers_filters(first) and "YQ[\"served\"]" not in first.html
    index = build_filter_index(folder, signature, "zh", False)
    assert index is not None
    again = build_preview_with_index(folder)
    assert again is not None and current_preview() == again and answers_filters(again)
    assert again.preloads[2] == index.removeprefix("../")
    # the preview watches the page's filters and knows where the index is, as the live map does
    assert '"filters": true' in again.html and "YQ[\"served\"]" in again.html and f'"{index}"' in again.html
    assert build_preview_with_index(folder) is None  # made with it already
    # kept on disk with its index: a restarted server serves both at once
    assert index.rsplit("/", 1)[-1] in {p.name for p in kept_in.iterdir()}
    monkeypatch.setattr(preview_module, "_current", None)
    assert restore_preview(folder) == again
    assert published_path(index.rsplit("/", 1)[-1]) is not None


def test_a_restarted_server_serves_the_kept_preview_at_once(layers_copy: Path, kept_in: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    made = build_preview(str(layers_copy))
    monkeypatch.setattr(preview_module, "_current", None)
    assert restore_preview(str(layers_copy)) == made and current_preview() == made


def test_a_kept_preview_of_other_data_or_other_code_is_not_served(layers_copy: Path, kept_in: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    made = build_preview(str(layers_copy))
    monkeypatch.setattr(preview_module, "_current", None)
    # other code: the manifest's code version differs
    monkeypatch.setattr(preview_module, "code_version", lambda: "other code")
    assert restore_preview(str(layers_copy)) is None
    monkeypatch.undo()
    monkeypatch.setenv("YUQIAN_CACHE", str(kept_in.parent))
    monkeypatch.setattr(preview_module, "_current", None)
    # other data: a layer file rebuilt
    townships = layers_copy / "townships.geojson"
    os.utime(townships, (townships.stat().st_atime, townships.stat().st_mtime + 10))
    assert restore_preview(str(layers_copy)) is None
    # a kept file changed on disk: its name no longer says its content
    made = build_preview(str(layers_copy))
    monkeypatch.setattr(preview_module, "_current", None)
    (kept_in / made.page).write_text("<html>changed</html>", encoding="utf-8")
    assert restore_preview(str(layers_copy)) is None and current_preview() is None


# ---------------------------------------------------------------- into Streamlit's page (geo.view.server._serving)

_STREAMLIT_PAGE = (b"<!DOCTYPE html><html><head><title>Streamlit</title></head>"
                   b"<body><div id=\"root\"></div></body></html>")


def _request(app: object, path: str = "/", query: bytes = b"") -> tuple[int, dict[str, str], bytes]:
    sent: list[dict] = []
    scope = {"type": "http", "method": "GET", "path": path, "root_path": "", "query_string": query,
             "headers": [(b"accept-encoding", b"gzip")]}

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))  # type: ignore[operator]
    start = next(m for m in sent if m["type"] == "http.response.start")
    headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    if headers.get("content-encoding") == "gzip" and not path.startswith("/component/"):
        import gzip

        assert int(headers["content-length"]) == len(body)
        body = gzip.decompress(body)  # the page with the preview, compressed
    return start["status"], headers, body


_ASKED_GZIP: list[bool] = []


def _without_chunk_preloads(page: bytes) -> bytes:
    """The page without the preloads of Streamlit's chunks the map needs (every first page gets them)."""
    return re.sub(rb'<link rel="modulepreload" crossorigin href="\./static/js/[^"]+">', b"", page)


async def _streamlit_index(scope: dict, receive: object, send: object) -> None:
    """Streamlit's answer: its page for "/", 404 for the rest; notes whether it was asked for compression."""
    _ASKED_GZIP.append(any(name == b"accept-encoding" for name, _ in scope["headers"]))
    if scope["path"] in ("/", "/index.html"):
        await send({"type": "http.response.start", "status": 200, "headers": [
            (b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(_STREAMLIT_PAGE)).encode()),
            (b"etag", b'"streamlit"')]})
        await send({"type": "http.response.body", "body": _STREAMLIT_PAGE})
        return
    await send({"type": "http.response.start", "status": 404, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"not ours"})


def test_the_page_gets_the_preview_only_when_it_shows_the_current_data(layers_copy: Path, kept_in: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from geo.view.server import _page_middleware
    from geo.view.server._serving import PreviewMiddleware

    monkeypatch.setenv("YUQIAN_LAYERS", str(layers_copy))
    refreshed: list[bool] = []
    monkeypatch.setattr(_page_middleware, "start_preview_refresh", lambda folder=None: refreshed.append(True))
    app = PreviewMiddleware(_streamlit_index)
    page = _request(app)[2]
    assert _without_chunk_preloads(page) == _STREAMLIT_PAGE  # nothing published yet: Streamlit's page, and
    assert b'<link rel="modulepreload" crossorigin href="./static/js/ComponentInstance.' in page  # the map's chunks
    made = build_preview(str(layers_copy))
    status, headers, body = _request(app)
    assert status == 200 and headers["content-encoding"] == "gzip" and "etag" not in headers
    assert _ASKED_GZIP[-1] is False  # Streamlit's page asked for uncompressed, to insert into it
    html = body.decode("utf-8")
    assert html.index("<body>") < html.index('id="yq-preview"') < html.index('<div id="root">')
    # the page inline with its script, style sheets and features: no request of its own before it paints
    srcdoc = _srcdoc(html)
    assert srcdoc.startswith("<!DOCTYPE html>")
    assert '<base href="./component/geo.view.server._preview.page/">' in srcdoc
    bundle, features = made.preloads[:2]  # then the filter index, if this process has made it
    assert f'window.yqData = {{"../{features}": Promise.resolve(JSON.parse(' in srcdoc
    assert '<script type="application/json" id="yq-features">{"' in srcdoc
    assert '<script src="../' not in srcdoc and 'rel="stylesheet"' not in srcdoc
    assert ".leaflet-container" in srcdoc
    assert 'url("../geo.view.files._assets.offline_assets/leaflet/dist/images/' in srcdoc
    assert "<link rel=\"preload\"" not in html
    assert "地图预览" in html and "Map preview" in html  # Chinese first, English beside it
    assert "yqPreview" in html and "streamlit_folium.st_folium" in html  # the hand-over script
    # a link with parameters may show another view; other paths are not the page
    assert _without_chunk_preloads(_request(app, query=b"lang=en")[2]) == _STREAMLIT_PAGE
    assert _request(app, "/static/js/index.js")[2] == b"not ours"
    # the data changed (a rebuilt layer): no preview until it is made again
    townships = layers_copy / "townships.geojson"
    os.utime(townships, (townships.stat().st_atime, townships.stat().st_mtime + 10))
    assert _without_chunk_preloads(_request(app)[2]) == _STREAMLIT_PAGE and refreshed  # ... made again


def test_a_big_features_file_is_fetched_by_the_preview_not_written_into_the_page(
        layers_copy: Path, kept_in: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from geo.view.server import _preview_page
    from geo.view.server._preview_page import inline_page

    made = build_preview(str(layers_copy))
    features = made.preloads[1]
    assert f'"../{features}": Promise.resolve(' in inline_page(made)
    inline_page.cache_clear()
    monkeypatch.setattr(_preview_page, "INLINE_FEATURES_MAX_BYTES", 1000)
    page = inline_page(made)
    inline_page.cache_clear()
    assert f"\"../{features}\": Promise.resolve(" not in page and f"../{features}" in page  # fetched by the map script


def test_the_preview_page_is_served_compressed_and_cached_for_a_year(layers_copy: Path, kept_in: Path) -> None:
    from geo.view.server._serving import IMMUTABLE_CACHE_CONTROL, HashedFilesMiddleware

    made: Preview = build_preview(str(layers_copy))
    app = HashedFilesMiddleware(_streamlit_index)
    status, headers, _ = _request(app, f"/{made.page_path}")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert headers["cache-control"] == IMMUTABLE_CACHE_CONTROL and headers["content-encoding"] == "gzip"


def test_leaflet_style_sheets_are_served_before_any_script_run() -> None:
    from geo.view.server._serving import ASSET_CACHE_CONTROL, HashedFilesMiddleware

    app = HashedFilesMiddleware(_streamlit_index)
    base = "/component/geo.view.files._assets.offline_assets"
    status, headers, body = _request(app, f"{base}/leaflet/dist/leaflet.css")
    assert status == 200 and headers["content-type"].startswith("text/css")
    assert headers["cache-control"] == ASSET_CACHE_CONTROL
    assert _request(app, f"{base}/leaflet/dist/images/layers.png")[0] == 200
    # only style sheets and images of the packages used, inside node_modules
    for path in (f"{base}/leaflet/dist/leaflet.js", f"{base}/../../../../etc/passwd", f"{base}/leaflet/package.json",
                 f"{base}/leaflet/dist/../../../../../../etc/hostname.css"):
        assert _request(app, path)[2] == b"not ours", path


# ---------------------------------------------------------------- in Chromium: paint, follow, hand over

def _default_count() -> int:
    from geo.filters import count_features, filter_layers
    from geo.store import load_layers
    from geo.view.state import ViewState

    return sum(count_features(filter_layers(load_layers(DATA_LAYERS), ViewState().criteria)).values())


def _srcdoc(page: str) -> str:
    """The preview's page as its iframe gets it: the ``srcdoc`` attribute of Streamlit's page, decoded."""
    import html as html_module
    import re

    found = re.search(r"""srcdoc='([^']*)'""", page)
    assert found is not None, "no single-quoted srcdoc in the page"
    return html_module.unescape(found.group(1))


def _wait_for_preview(url: str, timeout_s: float = 90.0, marker: bytes = b'id="yq-preview"') -> None:
    """Until the server's warm-up has published the preview (its page then carries it, and ``marker``)."""
    import time
    import urllib.request

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with urllib.request.urlopen(url, timeout=10) as response:
            if marker in response.read():
                return
        time.sleep(0.3)
    raise AssertionError(f"no preview in {url} after {timeout_s:.0f} s")


_LIVE_VIEW_JS = "() => [map.getCenter().lat, map.getCenter().lng, map.getZoom()]"


def held_preview(browser: Any, url: str, width: int, height: int) -> tuple[Any, Any, list[Any]]:
    """A new visitor's page once its preview has painted, the live map's script held back.

    Returns the page, the preview's frame and the held requests (:func:`release_live_map` lets them go).
    """
    from tests._browser import offline_context

    context = offline_context(browser, width, height)
    held: list[Any] = []
    # the live map's own script waits until the preview has been looked at and moved
    context.route(re.compile(r"/component/streamlit_folium[^/]*/static/js/"), lambda r: held.append(r))
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("() => window.yqPreview && typeof window.yqPreview.previewPaintedAt === 'number'",
                           timeout=60_000)
    return page, page.query_selector("#yq-preview-frame").content_frame(), held


def release_live_map(page: Any, held: list[Any]) -> None:
    """Let the held live map's script go, and wait until the preview has handed over to the live map."""
    while not held:
        page.wait_for_timeout(50)
    for route in held:
        route.continue_()
    page.wait_for_function("() => window.yqPreview.removedBecause === 'live map drawn'", timeout=60_000)


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_the_preview_paints_follows_the_live_map_and_hands_over_its_view(
        loopback_app_url: str, tmp_path: Path, width: int, height: int) -> None:
    from tests._browser import COUNT_FEATURES_JS, launched_chromium, map_frame, shot

    _wait_for_preview(loopback_app_url)
    expected = _default_count()
    with launched_chromium() as browser:
        page, preview, held = held_preview(browser, loopback_app_url, width, height)
        assert preview.evaluate(f"({COUNT_FEATURES_JS})()") == expected
        assert preview.evaluate("() => window.parent.yqPreview.handedOverAt") is None
        # before Streamlit has laid out the live map, the box sits where the page's style sheet puts it
        box = page.evaluate("() => { const b = document.getElementById('yq-preview').getBoundingClientRect(); "
                            "return [b.left, b.top, b.width, b.height]; }")
        assert box[0] >= 0 and box[0] + box[2] <= width + 1 and box[3] > 200
        note = page.inner_text("#yq-preview .yq-preview-note")
        assert "完整地图加载中" in note and "the full map is loading" in note
        shot(page, tmp_path, f"preview_before_handover_{width}.png")
        # the visitor zooms into 赶水镇 before the live map is there
        preview.evaluate("() => map.setView([28.85, 106.72], 12, {animate: false})")
        assert preview.evaluate("() => YQ.moved") is True
        release_live_map(page, held)
        assert page.query_selector("#yq-preview") is None
        # it was exactly over the live map when it handed over, and it was already close before
        handover = page.evaluate("() => [window.yqPreview.boxAtHandover, window.yqPreview.liveAtHandover]")
        assert handover[0] == pytest.approx(handover[1], abs=1.0)
        assert box == pytest.approx(handover[1], abs=24.0)
        frame = map_frame(page)
        assert frame.evaluate(f"({COUNT_FEATURES_JS})()") == expected
        lat, lng, zoom = frame.evaluate(_LIVE_VIEW_JS)
        assert (round(lat, 2), round(lng, 2), zoom) == (28.85, 106.72, 12)  # the view it was left at
        shot(page, tmp_path, f"preview_after_handover_{width}.png")


def test_a_link_with_parameters_opens_without_a_preview(loopback_app_url: str) -> None:
    from playwright.sync_api import sync_playwright

    from tests._browser import CHROMIUM, CHROMIUM_ARGS, map_frame, offline_context

    _wait_for_preview(loopback_app_url)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = offline_context(browser, 1366, 768).new_page()
            page.goto(f"{loopback_app_url}?lang=en")
            map_frame(page)
            assert page.query_selector("#yq-preview") is None
            assert page.evaluate("() => window.yqPreview === undefined")
        finally:
            browser.close()


def test_a_page_asked_for_while_the_preview_is_made_gets_it_when_ready(layers_copy: Path, kept_in: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import json
    import threading

    from geo.view.server._preview import making_preview
    from geo.view.server._serving import PreviewMiddleware

    monkeypatch.setenv("YUQIAN_LAYERS", str(layers_copy))
    app = PreviewMiddleware(_streamlit_index)
    status, _, body = _request(app, "/component/geo.view.server._preview.page/coming.json")
    assert status == 204 and body == b""  # none made, none coming: answered at once
    started, release = threading.Event(), threading.Event()

    def warm_up() -> None:  # as the server's warm-up: first steps, then the preview
        with making_preview():
            started.set()
            release.wait(10)
            build_preview(str(layers_copy))

    thread = threading.Thread(target=warm_up)
    thread.start()
    try:
        started.wait(10)
        html = _request(app)[2].decode("utf-8")
        assert "coming.json" in html and 'id="yq-preview"' not in html  # asks for it later
        release.set()
        status, headers, body = _request(app, "/component/geo.view.server._preview.page/coming.json")
    finally:
        release.set()
        thread.join(30)
    assert status == 200 and headers["cache-control"] == "no-store"
    parts = json.loads(body)
    assert 'id="yq-preview"' in parts["box"] and "srcdoc=" in parts["box"] and "yqPreview" in parts["script"]


def test_the_server_answers_once_the_first_view_is_ready_and_warms_the_rest_behind(
        layers_copy: Path, kept_in: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from geo.view.server import _serving as serving

    monkeypatch.setenv("YUQIAN_LAYERS", str(layers_copy))
    rest_started = threading.Event()
    seen: list[tuple[str | None, Preview | None]] = []

    def rest(folder: str | None) -> None:  # the rest of the warm-up, recorded instead of done
        seen.append((folder, current_preview()))
        rest_started.set()

    monkeypatch.setattr(serving, "warm_rest", rest)

    async def start() -> Preview | None:
        async with serving.lifespan(None):  # what the server awaits before it answers anything
            return current_preview()

    ready = asyncio.run(start())
    assert ready is not None and ready.signature == data_signature(str(layers_copy))  # no page waits for it
    assert rest_started.wait(10)
    assert seen == [(str(layers_copy), ready)]  # then the rest, in a thread, for the same layers


def test_a_failed_first_view_is_logged_and_the_rest_of_the_warm_up_skipped(
        tmp_path: Path, kept_in: Path, caplog: pytest.LogCaptureFixture) -> None:
    from geo.view.server._serving import warm_first_view, warm_rest

    with caplog.at_level("ERROR"):
        assert warm_first_view(str(tmp_path / "no-such-layers")) is None
    assert "the first session will do the work" in caplog.text
    warm_rest(None)  # nothing to do, nothing raised
    assert current_preview() is None


def test_a_restart_on_the_same_data_keeps_the_restored_preview_and_compresses_its_files(
        layers_copy: Path, kept_in: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from geo.view.server import _serving as serving

    made = build_preview(str(layers_copy))
    monkeypatch.setattr(preview_module, "_current", None)
    assert restore_preview(str(layers_copy)) == made

    def not_again(folder: str, keep: bool = True) -> Preview:
        raise AssertionError(f"the restored preview of {folder} was made again")

    monkeypatch.setattr(preview_module, "build_preview", not_again)
    compressed: list[Path] = []
    monkeypatch.setattr(serving._SHARED_CACHE, "gzip_of", lambda path: compressed.append(path) or b"")
    assert serving.warm_first_view(str(layers_copy)) == str(layers_copy)
    assert current_preview() == made
    names = {p.name for p in compressed}
    assert {made.page, *(p.rsplit("/", 1)[-1] for p in made.preloads)} <= names  # before any visitor asks
    assert {p.name for p in serving.first_page_files()} <= names


def test_the_preview_answers_the_first_filter_change_and_hands_over_only_once_the_live_map_shows_it(
        loopback_app_url: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    from geo.filters import count_features, filter_layers
    from geo.store import load_layers
    from tests._browser import CHROMIUM, CHROMIUM_ARGS, COUNT_FEATURES_JS, map_frame, offline_context, shot

    _wait_for_preview(loopback_app_url, marker=b'YQ["served"]')  # made again with the filter index
    crossed = sum(count_features(filter_layers(load_layers(DATA_LAYERS), cross_border_only=True)).values())
    assert crossed != _default_count()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = offline_context(browser, 1366, 768)
            held: list[object] = []
            # the live map's own script waits: the preview alone can answer
            context.route(re.compile(r"/component/streamlit_folium[^/]*/static/js/"), lambda r: held.append(r))
            page = context.new_page()
            page.goto(loopback_app_url)
            page.get_by_text("仅显示跨省（渝黔）要素").click(timeout=60_000)  # in the sidebar, before the live map
            preview = page.query_selector("#yq-preview-frame").content_frame()
            preview.wait_for_function(f"() => ({COUNT_FEATURES_JS})() === {crossed}", timeout=30_000)
            assert page.evaluate("() => window.yqPreview.handedOverAt") is None
            shot(page, tmp_path, "preview_answered.png")
            while not held:
                page.wait_for_timeout(50)
            for route in held:
                route.continue_()  # type: ignore[attr-defined]
            page.wait_for_function("() => window.yqPreview.removedBecause === 'live map drawn'", timeout=60_000)
            # the live map took over showing the change: never the unfiltered map after the answer
            assert map_frame(page).evaluate(f"({COUNT_FEATURES_JS})()") == crossed
            assert page.evaluate("() => window.yqPreview.waitedForFilters") < 8000
        finally:
            browser.close()
