"""The viewer's server: its files compressed and long cached, the map's preview, caches warmed at start.

``app.py`` is both the Streamlit script and, when ``streamlit run app.py``
imports it as a module, an ``st.App`` with :class:`PreviewMiddleware`,
:class:`HashedFilesMiddleware` and :func:`lifespan`.  They add to Streamlit's
own server:

* :class:`HashedFilesMiddleware`: the files the viewer publishes under a
  content-hash name (:mod:`geo.view.files._served`: the features file, the joined
  Leaflet script, the preview page) and Streamlit's own scripts and style
  sheets (content-hashed by its build, sent uncompressed by Streamlit: 2.6 MB
  before a first page works) are answered directly, gzip-compressed once and
  kept in memory, with ``Cache-Control: public, max-age=31536000, immutable``.
  The Leaflet style sheets and images are answered too, before any script run
  has declared their folder (the preview needs them first).  Only names this
  process published, and files found inside the packages' own folders, are
  served this way.
* :class:`PreviewMiddleware` (:mod:`geo.view.server._page_middleware`): the map's
  preview (:mod:`geo.view.server._preview`) put into Streamlit's page.
* :func:`lifespan`: before the server answers, :func:`warm_first_view`: the
  heavy imports (pandas, geopandas, folium), the layers read, the preview (or
  the one kept on disk), the features file and the joined scripts published,
  the first page's files compressed; then :func:`warm_rest` in a thread:
  styles and popups prepared in both languages, folium's templates compiled,
  and last the names' pinyin keys and the filter index (only a search needs
  them), and the preview made again with the index, so that it draws a first
  filter change itself.  The first visitor after a server start no longer pays for them, nor
  waits behind them.
"""

from __future__ import annotations

import gzip
import logging
import mimetypes
import re
import threading
from collections import OrderedDict
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Final

from geo.view.files import published_path
from geo.view.server._asgi import (
    ASGIApp,
    Receive,
    Scope,
    Send,
    accepts_gzip,
    first_page_files,
    route_path,
    streamlit_static_file,
)
from geo.view.server._page_middleware import PreviewMiddleware, start_preview_refresh

__all__ = ["HashedFilesMiddleware", "PreviewMiddleware", "lifespan", "start_preview_refresh", "warm_first_view",
           "warm_rest"]

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


#: The compressed copies of this process (the middleware serves them, the warm-up fills them).
_SHARED_CACHE: Final[_CompressedCache] = _CompressedCache()


class HashedFilesMiddleware:
    """Answer GETs of the viewer's content-hashed files: gzip once, cache for a year.

    Parameters
    ----------
    app : ASGI application
        Streamlit's app, which answers everything else.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._cache = _SHARED_CACHE

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path, published = self._published(scope), True
        if path is None:
            path = streamlit_static_file(scope)  # content-hashed by Streamlit's own build
        if path is None:
            path, published = self._offline_asset(scope), False
        if path is None:
            await self.app(scope, receive, send)
            return
        import anyio.to_thread

        compress = accepts_gzip(scope) and path.stat().st_size >= MIN_COMPRESS_BYTES
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
        match = _COMPONENT_PATH.match(route_path(scope))
        return published_path(match.group(1)) if match else None

    @staticmethod
    def _offline_asset(scope: Scope) -> Path | None:
        """A Leaflet style sheet or image under ``/component/<assets>/``, even before any script run.

        Streamlit serves a component's folder only once a script run has declared
        it; the preview page (:mod:`geo.view.server._preview`) needs the style sheets
        earlier.  Only files of the packages' folders the viewer uses, with the
        suffixes of :data:`_ASSET_SUFFIXES`, resolved inside ``node_modules``.
        """
        if scope.get("type") != "http" or scope.get("method") not in ("GET", "HEAD"):
            return None
        from geo.view.files import ASSET_FOLDERS, COMPONENT_FULL_NAME, NODE_MODULES

        prefix = f"/component/{COMPONENT_FULL_NAME}/"
        route = route_path(scope)
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


#: Suffixes of Streamlit's own files compressed here (its fonts and images are compressed already).
def warm_first_view(folder: str | None = None) -> str | None:
    """What a new visitor's first painted frame needs: the heavy imports, the layers, the preview.

    Also compressed: the preview's files and Streamlit's own first files
    (:func:`first_page_files`), which :class:`HashedFilesMiddleware` would
    otherwise compress on the first visitor's requests.

    :func:`lifespan` awaits it before the server answers (its health check
    included): done while sessions are being served, these imports hold
    Python's lock for a second and more, and the first visitor's page, the
    preview and Streamlit's files wait behind them (the page's HTML took
    0.25-0.67 s instead of 0.06 s, the first paint 1.1-1.6 s instead of
    0.8-1.1 s on two cores).

    Parameters
    ----------
    folder : str, optional
        The layers folder; default :func:`geo.config.layers_dir`.

    Returns
    -------
    str or None
        The layers folder for :func:`warm_rest`; ``None`` if this failed (logged,
        never raised: a session does the same work again and shows the error itself).

    Notes
    -----
    The caches filled are Streamlit's process-wide ``st.cache_resource`` ones,
    so the first session finds them full.  ``streamlit_folium`` is *not*
    imported here: it declares its component when imported, and a declaration
    outside a script run is never registered (its iframe would then 404 in
    every session).  The files published are served by
    :class:`HashedFilesMiddleware`, which needs no registration.
    """
    try:
        from geo.config import layers_dir
        from geo.view.cache import cached_choices, cached_layers
        from geo.view.files import serve_assets
        from geo.view.server._preview import build_preview, current_preview, data_signature

        folder_str = str(Path(folder) if folder is not None else layers_dir())
        signature = data_signature(folder_str)  # a new session's key, edit store included
        cached_layers(folder_str, signature)
        cached_choices(folder_str, signature)
        serve_assets()
        made = current_preview()  # restored from disk (a restart on the same data): not made again
        if made is None or made.signature != signature:
            made = build_preview(folder_str)  # what a new visitor sees before anything else
        # compressed now, not while the first visitor's browser waits for them
        for path in [published_path(name.rsplit("/", 1)[-1]) for name in (made.page, *made.preloads)]:
            if path is not None:
                _SHARED_CACHE.gzip_of(path)
        for path in first_page_files():
            _SHARED_CACHE.gzip_of(path)
        return folder_str
    except Exception:
        _LOGGER.exception("warm-up of the viewer failed; the first session will do the work")
        return None


def warm_rest(folder_str: str | None) -> None:
    """The rest of the warm-up, in a thread while sessions are served: what the live map and a search need.

    The map data in both languages, folium's templates compiled, the table's
    parts, and last the names' pinyin keys and the filter index (only a search
    or a filter change needs them).  Nothing is done for ``None``
    (:func:`warm_first_view` failed).
    """
    if folder_str is None:
        return
    try:
        from geo.view.cache import (
            build_filter_index,
            cached_map_data,
            cached_prepared,
            cached_table_parts,
            warm_search,
        )
        from geo.view.files import serve_assets
        from geo.view.i18n import Language
        from geo.view.map import BASEMAPS, build_base_map, pilot_bounds
        from geo.view.server._preview import data_signature

        signature = data_signature(folder_str)
        urls = serve_assets()
        for lang in ("zh", "en"):
            prepared = cached_prepared(folder_str, signature, lang, False)
            cached_map_data(folder_str, signature, lang, False)
            if lang == "zh":
                fmap = build_base_map(next(iter(BASEMAPS)), lang, urls, pilot_bounds(prepared.get("boundaries")))
                fmap.get_root().render()  # compiles folium's templates
        cached_table_parts(folder_str, signature, "zh")
        warm_search(folder_str, signature)  # last: only the first search needs it
        index_langs: tuple[Language, ...] = ("zh", "en")
        for index_lang in index_langs:  # made of the search keys: what the map frame filters with
            build_filter_index(folder_str, signature, index_lang, False)
        _warm_preview_with_index(folder_str)
    except Exception:
        _LOGGER.exception("warm-up of the viewer failed; the first session will do the work")


def _warm_preview_with_index(folder_str: str) -> None:
    """The preview made again with the filter index (it then answers the first filter change), ready to serve."""
    from geo.view.server._preview import build_preview_with_index
    from geo.view.server._preview_page import preview_parts

    made = build_preview_with_index(folder_str)
    if made is None:
        return
    for path in [published_path(name.rsplit("/", 1)[-1]) for name in (made.page, *made.preloads)]:
        if path is not None:
            _SHARED_CACHE.gzip_of(path)
    preview_parts(made)  # the markup every first page gets, made before the next visitor comes


@asynccontextmanager
async def lifespan(app: Any) -> Any:
    """Make the first view ready before the server answers, then warm the rest in a thread.

    The kept preview (a restart on the same data) is restored first; then
    :func:`warm_first_view` runs in a worker thread, awaited: the server
    starts answering (health check included, which is what a proxy or a
    service manager waits for) once a new visitor's first frame is ready to be
    served without waiting behind the imports.  Before all that, the listening socket
    is set to send small answers at once (:func:`~geo.view.server._sockets.nodelay_listeners`).
    Nothing to undo at the end.
    """
    del app
    import anyio.to_thread

    from geo.config import layers_dir
    from geo.view.server._preview import restore_preview
    from geo.view.server._sockets import nodelay_listeners

    if not nodelay_listeners():
        _LOGGER.info("no listening socket found to set TCP_NODELAY on; small answers may wait for the ACK")

    folder = str(layers_dir())
    restore_preview(folder)
    ready = await anyio.to_thread.run_sync(warm_first_view, folder)
    threading.Thread(target=warm_rest, args=(ready,), name="yuqian-warm-up", daemon=True).start()
    yield None
