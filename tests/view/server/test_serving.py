"""Files published for the Streamlit server: content-hash names, safe when sessions race."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from _paths import ROOT_DIR

from geo.view.files._served import publish_text, served_folder


def test_name_follows_the_content(tmp_path: Path) -> None:
    first = publish_text(tmp_path, "data-", ".json", '{"a": 1}')
    again = publish_text(tmp_path, "data-", ".json", '{"a": 1}')
    other = publish_text(tmp_path, "data-", ".json", '{"a": 2}')
    assert first == again != other
    assert first.startswith("data-") and first.endswith(".json") and len(first) == len("data-.json") + 20
    assert (tmp_path / first).read_text(encoding="utf-8") == '{"a": 1}'


def test_sessions_publishing_the_same_file_at_once_all_find_it_whole(tmp_path: Path) -> None:
    text = "赶水镇 " * 200_000  # big enough for the writes to overlap
    with ThreadPoolExecutor(max_workers=8) as pool:
        names = list(pool.map(lambda _: publish_text(tmp_path, "b-", ".js", text), range(16)))
    assert len(set(names)) == 1
    assert (tmp_path / names[0]).read_text(encoding="utf-8") == text
    assert sorted(p.name for p in tmp_path.iterdir()) == [names[0]]  # no temporary file left behind


def test_one_folder_per_kind_per_process() -> None:
    folder = served_folder("yuqian-test-")
    assert folder.is_dir() and served_folder("yuqian-test-") == folder
    assert served_folder("yuqian-test-other-") != folder


# ------------------------------------------------------- served by the viewer's server (geo.view.server._serving)

def _get(app: object, path: str, accept: str = "gzip, deflate, br", method: str = "GET") -> tuple[int, dict, bytes]:
    """One request through an ASGI app, without a network: status, headers (lower-case) and body."""
    import asyncio

    sent: list[dict] = []
    scope = {"type": "http", "method": method, "path": path, "root_path": "", "query_string": b"",
             "headers": [(b"accept-encoding", accept.encode())] if accept else []}

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    return start["status"], headers, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


async def _streamlit_stand_in(scope: dict, receive: object, send: object) -> None:
    await send({"type": "http.response.start", "status": 404, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"not ours"})


def test_published_files_come_back_gzipped_with_a_year_of_cache(tmp_path: Path) -> None:
    import gzip
    import json

    from geo.view.server._serving import IMMUTABLE_CACHE_CONTROL, HashedFilesMiddleware

    text = json.dumps({"townships": [{"name": "赶水镇", "i": i} for i in range(500)]}, ensure_ascii=False)
    name = publish_text(tmp_path, "", ".json", text)
    app = HashedFilesMiddleware(_streamlit_stand_in)
    status, headers, body = _get(app, f"/component/geo.view.map._data.map_data/{name}")
    assert status == 200
    assert headers["content-encoding"] == "gzip" and headers["vary"] == "Accept-Encoding"
    assert headers["cache-control"] == IMMUTABLE_CACHE_CONTROL and "max-age=31536000" in IMMUTABLE_CACHE_CONTROL
    assert headers["content-type"].startswith("application/json")
    assert gzip.decompress(body).decode("utf-8") == text and len(body) < len(text.encode()) / 4
    assert int(headers["content-length"]) == len(body)
    # a client that takes no gzip gets the plain bytes, still cached for long
    status, headers, body = _get(app, f"/component/geo.view.map._data.map_data/{name}", accept="")
    assert status == 200 and "content-encoding" not in headers and body.decode("utf-8") == text
    assert headers["cache-control"] == IMMUTABLE_CACHE_CONTROL


def test_a_joined_script_is_served_as_javascript(tmp_path: Path) -> None:
    from geo.view.server._serving import HashedFilesMiddleware

    name = publish_text(tmp_path, "leaflet-bundle-zh-", ".js", "var L = {};\n" * 400, digits=16)
    status, headers, _ = _get(HashedFilesMiddleware(_streamlit_stand_in),
                              f"/component/geo.view.files._assets.offline_bundle/{name}")
    assert status == 200 and "javascript" in headers["content-type"] and headers["content-encoding"] == "gzip"


def test_everything_else_goes_to_streamlit(tmp_path: Path) -> None:
    from geo.view.server._serving import HashedFilesMiddleware

    app = HashedFilesMiddleware(_streamlit_stand_in)
    for path in ("/", "/component/geo.view.map._data.map_data/never-published.json",
                 "/component/geo.view.map._data.map_data/../../etc/passwd", "/static/js/index.js"):
        status, _, body = _get(app, path)
        assert (status, body) == (404, b"not ours"), path
    name = publish_text(tmp_path, "", ".json", "{}")
    assert _get(app, f"/component/x/{name}", method="POST")[0] == 404  # only GET and HEAD


def test_app_py_is_an_st_app_for_streamlit_run() -> None:
    from streamlit.web.server.app_discovery import discover_asgi_app

    root = ROOT_DIR
    found = discover_asgi_app(root / "app.py")
    assert found.is_asgi_app and found.import_string == "app:app"


def test_streamlits_own_scripts_come_back_gzipped_and_kept_for_a_year() -> None:
    import gzip

    from geo.view.server._serving import IMMUTABLE_CACHE_CONTROL, HashedFilesMiddleware, first_page_files

    files = first_page_files()
    assert len(files) > 20 and any(p.suffix == ".css" for p in files)  # the page's script, its preloads, its style
    script = next(p for p in files if p.suffix == ".js")
    app = HashedFilesMiddleware(_streamlit_stand_in)
    status, headers, body = _get(app, f"/static/js/{script.name}")
    assert status == 200 and headers["content-encoding"] == "gzip" and "javascript" in headers["content-type"]
    assert headers["cache-control"] == IMMUTABLE_CACHE_CONTROL
    assert gzip.decompress(body) == script.read_bytes() and len(body) < script.stat().st_size / 2
    # fonts and images are Streamlit's to send; nothing outside its folder is reached
    for path in ("/static/media/SourceSansVF-Upright.ttf.BsWL4Kly.woff2", "/static/js/../../../../../etc/passwd.js",
                 "/static/js/never-built.js"):
        assert _get(app, path)[2] == b"not ours", path


def test_every_new_visitor_gets_the_page_with_the_preview_compressed_once(monkeypatch: object) -> None:
    """The page with the preview inline (0.95 MB on the plan) is compressed once, not on each first visit."""
    import asyncio
    import gzip

    from geo.view.server import _page_middleware, _preview_page
    from geo.view.server._serving import PreviewMiddleware

    streamlit_page = (b'<html><head><script type="module" crossorigin src="./static/js/index.abc123.js"></script>'
                      b'<link rel="modulepreload" crossorigin href="./static/js/react.abc.js">'
                      b'</head><body><div id="root"></div></body></html>')
    preview = object()
    monkeypatch.setattr(_page_middleware, "_usable_preview", lambda: preview)  # type: ignore[attr-defined]
    monkeypatch.setattr(_preview_page, "preview_snippet",  # type: ignore[attr-defined]
                        lambda made: '<div id="yq-preview">赶水镇</div>' if made is preview else "")
    compressed: list[int] = []
    real = gzip.compress
    monkeypatch.setattr(_page_middleware.gzip, "compress",  # type: ignore[attr-defined]
                        lambda data, **options: compressed.append(len(data)) or real(data, **options))
    if hasattr(_page_middleware, "_first_page"):
        _page_middleware._first_page.cache_clear()  # another test's pages

    async def streamlit(scope: dict, receive: object, send: object) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]})
        await send({"type": "http.response.body", "body": streamlit_page})

    def first_visit() -> bytes:
        sent: list[dict] = []

        async def receive() -> dict:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict) -> None:
            sent.append(message)

        scope = {"type": "http", "method": "GET", "path": "/", "root_path": "", "query_string": b"",
                 "headers": [(b"accept-encoding", b"gzip")]}
        asyncio.run(PreviewMiddleware(streamlit)(scope, receive, send))  # type: ignore[arg-type]
        return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")

    pages = [gzip.decompress(first_visit()) for _ in range(3)]
    assert pages[0] == pages[1] == pages[2]
    assert len(compressed) == 1  # made once, then the same bytes for every new visitor
    page = pages[0].decode("utf-8")
    assert page.index('<div id="yq-preview">赶水镇</div>') < page.index('<div id="root">')
    # Streamlit's entry is asked for at once, first of its files, and run once the preview has painted
    assert page.index('<link rel="preload" as="script" crossorigin href="./static/js/index.abc123.js">') < page.index(
        'await window.yqPreviewPainted;')
    assert 'src="./static/js/index.abc123.js"' not in page
    # its chunks and the map's are asked for then too, not with the page (issuing them held the preview back)
    assert "<link rel=\"modulepreload\"" not in page
    assert page.index('await window.yqPreviewPainted; for (const href of ["./static/js/react.abc.js", ') < page.index(
        'import("./static/js/index.abc123.js")')
