"""The viewer's server: content-hashed files compressed and cached for a year, caches warmed at start.

``app.py`` is both the Streamlit script and, when ``streamlit run app.py``
imports it as a module, an ``st.App`` with :class:`HashedFilesMiddleware` and
:func:`lifespan`.  They add two things to Streamlit's own server:

* :class:`HashedFilesMiddleware`: the files the viewer publishes under a
  content-hash name (:mod:`geo.view._served`: the features file, the joined
  Leaflet script) are answered directly, gzip-compressed once and kept in
  memory, with ``Cache-Control: public, max-age=31536000, immutable``.
  Streamlit would otherwise compress them again on every request (at level 9)
  and send them with a bare ``public`` that leaves the browser guessing how long
  to keep them.  Only names this process published are served this way, so no
  path from the request ever reaches the file system.
* :func:`warm_up` in a thread started by the app's lifespan: the heavy imports
  (pandas, geopandas, folium, streamlit-folium), the layers read, their pinyin
  keys, styles and popups prepared, the features file and the joined scripts
  published, folium's templates compiled: the first visitor after a server start
  no longer pays for them.
"""

from __future__ import annotations

import gzip
import logging
import mimetypes
import re
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Final

from geo.view._served import published_path

#: Cache lifetime of a content-hashed file: a year (its name changes with its content).
IMMUTABLE_CACHE_CONTROL: Final[str] = "public, max-age=31536000, immutable"
#: Smallest file worth compressing, bytes.
MIN_COMPRESS_BYTES: Final[int] = 1024
#: gzip level of the compressed copies, made once per file: 9 (the smallest, as Streamlit sends them) up to
#: :data:`BIG_FILE_BYTES`, 6 above (within a few % of 9, several times faster: a big upload's file is
#: compressed while its user waits for the first paint).
GZIP_LEVEL: Final[int] = 9
BIG_GZIP_LEVEL: Final[int] = 6
BIG_FILE_BYTES: Final[int] = 2 * 1024 * 1024
#: Most compressed bytes kept in memory; the least recently used files are dropped beyond it.
MAX_CACHED_BYTES: Final[int] = 64 * 1024 * 1024
_COMPONENT_PATH: Final[re.Pattern[str]] = re.compile(r"^/component/[^/]+/([^/]+)$")
#: Cache lifetime of the Leaflet style sheets and images (not content-hashed, but fixed by package-lock.json).
ASSET_CACHE_CONTROL: Final[str] = "public, max-age=86400"
#: Suffixes of the offline Leaflet files answered here (style sheets and their images).
_ASSET_SUFFIXES: Final[frozenset[str]] = frozenset({".css", ".png", ".svg", ".gif"})
_LOGGER = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class _CompressedCache:
    """gzip copies of published files, made once each, least recently used dropped past a byte budget."""

    def __init__(self, budget: int = MAX_CACHED_BYTES) -> None:
        self._budget = budget
        self._items: OrderedDict[Path, tuple[float, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def gzip_of(self, path: Path) -> bytes:
        mtime = path.stat().st_mtime
        with self._lock:
            hit = self._items.get(path)
            if hit is not None and hit[0] == mtime:
                self._items.move_to_end(path)
                return hit[1]
        raw = path.read_bytes()
        level = GZIP_LEVEL if len(raw) <= BIG_FILE_BYTES else BIG_GZIP_LEVEL
        body = gzip.compress(raw, compresslevel=level, mtime=0)
        with self._lock:
            self._items[path] = (mtime, body)
            while sum(len(b) for _, b in self._items.values()) > self._budget and len(self._items) > 1:
                self._items.popitem(last=False)
        return body


def _accepts_gzip(scope: Scope) -> bool:
    for name, value in scope.get("headers", ()):
        if name == b"accept-encoding":
            codings = {part.split(b";")[0].strip().lower() for part in value.split(b",")}
            return b"gzip" in codings or b"*" in codings
    return False


def _route_path(scope: Scope) -> str:
    """The request's path without the app's root path (``server.baseUrlPath``)."""
    path = str(scope.get("path", ""))
    root = str(scope.get("root_path", "") or "")
    if root and path.startswith(root):
        path = path[len(root):] or "/"
    from streamlit import config

    base = str(config.get_option("server.baseUrlPath") or "").strip("/")
    if base and path.startswith(f"/{base}/"):
        path = path[len(base) + 1:]
    return path


class HashedFilesMiddleware:
    """Answer GETs of the viewer's content-hashed files: gzip once, cache for a year.

    Parameters
    ----------
    app : ASGI application
        Streamlit's app, which answers everything else.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._cache = _CompressedCache()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path, published = self._published(scope), True
        if path is None:
            path, published = self._offline_asset(scope), False
        if path is None:
            await self.app(scope, receive, send)
            return
        import anyio.to_thread

        compress = _accepts_gzip(scope) and path.stat().st_size >= MIN_COMPRESS_BYTES
        if compress:
            body = await anyio.to_thread.run_sync(self._cache.gzip_of, path)
        else:
            body = await anyio.to_thread.run_sync(path.read_bytes)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type in ("application/json", "application/javascript"):
            content_type += "; charset=utf-8"
        cache_control = IMMUTABLE_CACHE_CONTROL if published else ASSET_CACHE_CONTROL
        headers = [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode()),
                   (b"cache-control", cache_control.encode()), (b"vary", b"Accept-Encoding")]
        if compress:
            headers.append((b"content-encoding", b"gzip"))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body",
                    "body": b"" if scope.get("method") == "HEAD" else body, "more_body": False})

    @staticmethod
    def _published(scope: Scope) -> Path | None:
        if scope.get("type") != "http" or scope.get("method") not in ("GET", "HEAD"):
            return None
        match = _COMPONENT_PATH.match(_route_path(scope))
        return published_path(match.group(1)) if match else None

    @staticmethod
    def _offline_asset(scope: Scope) -> Path | None:
        """A Leaflet style sheet or image under ``/component/<assets>/``, even before any script run.

        Streamlit serves a component's folder only once a script run has declared
        it; the preview page (:mod:`geo.view.preview`) needs the style sheets
        earlier.  Only files of the packages' folders the viewer uses, with the
        suffixes of :data:`_ASSET_SUFFIXES`, resolved inside ``node_modules``.
        """
        if scope.get("type") != "http" or scope.get("method") not in ("GET", "HEAD"):
            return None
        from geo.view.assets import ASSET_FOLDERS, COMPONENT_FULL_NAME, NODE_MODULES

        prefix = f"/component/{COMPONENT_FULL_NAME}/"
        route = _route_path(scope)
        if not route.startswith(prefix):
            return None
        relative = route[len(prefix):]
        if Path(relative).suffix.lower() not in _ASSET_SUFFIXES:
            return None
        root = NODE_MODULES.resolve()
        path = (root / relative).resolve()
        if not any(path.is_relative_to(root / folder) for folder in ASSET_FOLDERS) or not path.is_file():
            return None
        return path


def _is_first_page(scope: Scope) -> bool:
    """A GET of the app's page itself with no query string (any parameter may change the view)."""
    return (scope.get("type") == "http" and scope.get("method") in ("GET", "HEAD")
            and _route_path(scope) in ("/", "/index.html") and not scope.get("query_string"))


def _usable_preview() -> Any:
    """The published preview if it shows the data a new session would show now; else ``None``."""
    from geo.config import layers_dir
    from geo.view.preview import current_preview, data_signature

    preview = current_preview()
    if preview is None:
        return None
    try:
        if preview.signature != data_signature(str(layers_dir())):
            start_preview_refresh()
            return None
    except OSError:
        return None
    return preview


class PreviewMiddleware:
    """Put the map's preview (:mod:`geo.view.preview`) into Streamlit's page, when one is current.

    Streamlit's ``index.html`` is asked for uncompressed, the preloads of the
    preview's files are inserted at the start of its ``<head>``, the preview's
    box, iframe and script at the start of its ``<body>``, and the length is
    corrected.  Any other answer, or a page without a current
    preview, passes unchanged.

    Parameters
    ----------
    app : ASGI application
        The app answering everything else.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _is_first_page(scope):
            await self.app(scope, receive, send)
            return
        import anyio.to_thread

        preview = await anyio.to_thread.run_sync(_usable_preview)
        if preview is None:
            await self.app(scope, receive, send)
            return
        from geo.view.preview import preview_snippet

        inner = dict(scope, headers=[(k, v) for k, v in scope.get("headers", ()) if k != b"accept-encoding"])
        start: Message = {}
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(bytes(message.get("body", b"")))

        await self.app(inner, receive, keep)
        body = b"".join(chunks)
        headers = list(start.get("headers", ()))
        names = {bytes(k).lower(): bytes(v) for k, v in headers}
        if (start.get("status") == 200 and names.get(b"content-type", b"").startswith(b"text/html")
                and b"content-encoding" not in names and b"<body>" in body):
            head, box = preview_snippet(preview)
            body = body.replace(b"<head>", b"<head>" + head.encode("utf-8"), 1)
            body = body.replace(b"<body>", b"<body>" + box.encode("utf-8"), 1)
            dropped = (b"content-length", b"etag", b"last-modified")
            headers = [(k, v) for k, v in headers if bytes(k).lower() not in dropped]
            headers.append((b"content-length", str(len(body)).encode()))
            start["headers"] = headers
        await send({**start, "type": "http.response.start"})
        await send({"type": "http.response.body", "body": b"" if scope.get("method") == "HEAD" else body,
                    "more_body": False})


def warm_up(folder: str | None = None) -> None:
    """Do in advance what the first session would: imports, caches, published files, templates.

    Parameters
    ----------
    folder : str, optional
        The layers folder; default :func:`geo.config.layers_dir`.

    Notes
    -----
    Runs in a background thread of the server process; the caches it fills are
    Streamlit's process-wide ``st.cache_resource`` ones, so the first session
    finds them full.  ``streamlit_folium`` is *not* imported here: it declares
    its component when imported, and a declaration outside a script run is
    never registered (its iframe would then 404 in every session).  The files
    published here are served by :class:`HashedFilesMiddleware`, which needs no
    registration.  Failures are logged, never raised: a session does the same
    work again and shows the error itself.
    """
    try:
        from geo.config import layers_dir
        from geo.view.assets import serve_assets
        from geo.view.basemaps import BASEMAPS
        from geo.view.cache import cached_choices, cached_layers, cached_map_data, cached_table_parts, folder_signature
        from geo.view.mapview import build_base_map, pilot_bounds

        folder_str = str(Path(folder) if folder is not None else layers_dir())
        signature = folder_signature(folder_str)
        cached_layers(folder_str, signature)
        cached_choices(folder_str, signature)
        urls = serve_assets()
        from geo.view.cache import cached_prepared
        from geo.view.preview import build_preview

        build_preview(folder_str)  # first: what a new visitor sees before anything else
        for lang in ("zh", "en"):
            prepared = cached_prepared(folder_str, signature, lang, False)
            cached_map_data(folder_str, signature, lang, False)
            if lang == "zh":
                fmap = build_base_map(next(iter(BASEMAPS)), lang, urls, pilot_bounds(prepared.get("boundaries")))
                fmap.get_root().render()  # compiles folium's templates
        cached_table_parts(folder_str, signature, "zh")
    except Exception:
        _LOGGER.exception("warm-up of the viewer failed; the first session will do the work")


_refresh_lock = threading.Lock()


def start_preview_refresh(folder: str | None = None) -> None:
    """Make the preview again in a background thread (the data changed); one such thread at a time."""
    if not _refresh_lock.acquire(blocking=False):
        return

    def refresh() -> None:
        try:
            from geo.config import layers_dir
            from geo.view.preview import build_preview

            build_preview(str(Path(folder) if folder is not None else layers_dir()))
        except Exception:
            _LOGGER.exception("the map's preview could not be made again; new visitors wait for the live map")
        finally:
            _refresh_lock.release()

    threading.Thread(target=refresh, name="yuqian-preview", daemon=True).start()


def start_warm_up(folder: str | None = None) -> threading.Thread:
    """Run :func:`warm_up` in a daemon thread; the thread (already started)."""
    thread = threading.Thread(target=warm_up, args=(folder,), name="yuqian-warm-up", daemon=True)
    thread.start()
    return thread


@asynccontextmanager
async def lifespan(app: Any) -> Any:
    """Serve the preview kept on disk at once, then start the warm-up; nothing to undo at the end."""
    del app
    from geo.config import layers_dir
    from geo.view.preview import restore_preview

    restore_preview(str(layers_dir()))
    start_warm_up()
    yield None

