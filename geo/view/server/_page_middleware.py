"""The preview put into Streamlit's page (:mod:`geo.view.server._preview`): the middleware and its refresh.

Re-exported by :mod:`geo.view.server._serving`, where ``app.py`` finds the server's parts.
"""

from __future__ import annotations

import functools
import gzip
import html
import json
import logging
import re
import threading
from pathlib import Path
from typing import Any

from geo.view.server._asgi import ASGIApp, Message, Receive, Scope, Send, accepts_gzip, first_run_chunks, route_path

_LOGGER = logging.getLogger(__name__)

def _is_first_page(scope: Scope) -> bool:
    """A GET of the app's page itself with no query string (any parameter may change the view)."""
    return (scope.get("type") == "http" and scope.get("method") in ("GET", "HEAD")
            and route_path(scope) in ("/", "/index.html") and not scope.get("query_string"))


_STREAMLIT_ENTRY = re.compile(rb'<script type="module" crossorigin src="(\./static/js/index\.[^"]+\.js)"></script>')
#: The entry is asked for at once, first of Streamlit's files (``preload``: fetched, neither parsed nor run
#: before the preview has painted), and run once the preview has painted: asked for only then, it came
#: 0.4 s after the paint on the plan (a cold load, its 480 kB queued behind the hundred chunks), and
#: Streamlit's sidebar waited for it.  A ``modulepreload`` would also compile it on the page's thread
#: while the preview draws (paired cold paints: slower in 4 of 5).
_DEFERRED_ENTRY = (rb'<link rel="preload" as="script" crossorigin href="\1">'
                   rb'<script type="module">await window.yqPreviewPainted; YQ_PRELOADS import("\1");</script>')
_MODULE_PRELOAD = re.compile(rb'[ \t]*<link rel="modulepreload" crossorigin href="(\./static/js/[^"<>\\]+)">\n?')
#: Asks for the module chunks of Streamlit's page and of the map's first run; a JSON list replaces ``HREFS``.
_PRELOAD_JS = (b'for (const href of HREFS) { const link = document.createElement("link"); link.rel = "modulepreload"; '
               b'link.crossOrigin = ""; link.href = href; document.head.appendChild(link); }')


def _deferred_preloads(body: bytes, map_chunks: str) -> bytes:
    """Streamlit's ``modulepreload`` links and the map's (``map_chunks``) asked for once the preview has painted.

    Issuing the hundred requests with the page (62 of Streamlit's chunks, 40 of the map's) took
    the page's one thread 165 ms of a traced cold load of the plan, all before the preview's frame
    was even made (its ``<iframe>`` comes after them), and the server's CPU, on the same machine in
    the benchmark, while the preview drew.  They are asked for by the script that starts
    Streamlit (``_DEFERRED_ENTRY``) once the preview has painted, just before Streamlit's entry
    runs (that entry, one file, is still asked for with the page).
    """
    hrefs = [m.group(1).decode() for m in _MODULE_PRELOAD.finditer(body)]
    hrefs += re.findall(r'<link rel="modulepreload" crossorigin href="([^"<>]+)">', map_chunks)
    body = _MODULE_PRELOAD.sub(b"", body)
    script = _PRELOAD_JS.replace(b"HREFS", json.dumps(list(dict.fromkeys(hrefs))).encode()) if hrefs else b""
    return body.replace(b"YQ_PRELOADS ", script + b" " if script else b"", 1)


_STREAMLIT_STYLE = re.compile(rb'<link rel="stylesheet" crossorigin href="\./static/(css/[^"/]+\.css)">')
_CSS_RELATIVE_URL = re.compile(rb"""url\((['"]?)\.\./""")


def _inline_style(body: bytes) -> bytes:
    """Streamlit's style sheet written into its page (``<style>``) instead of linked.

    A linked style sheet in ``<head>`` holds back every frame of the page, the
    preview's too, until it has come: on a cold load it was asked for after the
    hundred scripts asked for with the page and came 1.3 s later, while the
    preview had been ready to paint for 0.7 s (a Chrome trace of the plan).
    Written in, it costs the page 8 kB compressed.  Its ``url(../…)`` are made
    relative to the page.  The page is left as it is if the file is not found.
    """
    from geo.view.server._asgi import streamlit_static_root

    match = _STREAMLIT_STYLE.search(body)
    if match is None:
        return body
    path = streamlit_static_root() / match.group(1).decode()
    try:
        css = path.read_bytes()
    except OSError:
        return body
    css = _CSS_RELATIVE_URL.sub(rb"url(\1./static/", css).replace(b"</style", b"<\\/style")
    return body[:match.start()] + b"<style>" + css + b"</style>" + body[match.end():]


#: How long a page's request for the preview being made may wait, seconds.
COMING_WAIT_S = 20.0


#: Most requests for the coming preview waiting at once (each holds a worker thread while it waits).
MAX_COMING_WAITS = 4
_limiter: Any = None


def _coming_limiter() -> Any:
    """The limiter of the waits for the coming preview, made in the server's event loop on first use."""
    global _limiter
    if _limiter is None:
        import anyio

        _limiter = anyio.CapacityLimiter(MAX_COMING_WAITS)
    return _limiter


def _is_coming_request(scope: Scope) -> bool:
    from geo.view.server._preview import PREVIEW_COMPONENT

    return (scope.get("type") == "http" and scope.get("method") == "GET"
            and route_path(scope) == f"/component/{PREVIEW_COMPONENT}/coming.json")


def _coming_preview() -> Any:
    """The preview being made, once it is there and current; ``None`` if none comes in time."""
    from geo.view.server._preview import wait_for_preview

    wait_for_preview(COMING_WAIT_S)
    return _usable_preview()


def _usable_preview() -> Any:
    """The published preview if it shows the data a new session would show now; else ``None``."""
    from geo.config import layers_dir
    from geo.view.server._preview import current_preview, data_signature

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


@functools.lru_cache(maxsize=8)
def _first_page(body: bytes, head: str, map_chunks: str, box: str, deferred: bool, compress: bool) -> bytes:
    """Streamlit's page with the preview's ``box``, ``head`` and ``map_chunks`` put in, gzip-compressed if asked.

    Made once per preview and Streamlit page (every new visitor gets the same page):
    compressing the plan's page (0.95 MB with the preview inline) took 35 ms of the
    server's event loop for every first page, while the visitor waited for it.
    ``deferred``: Streamlit's own script starts once the preview has painted (1.5 s at most), its
    style sheet is written in (:func:`_inline_style`), and its chunks and the map's are asked for
    only then (:func:`_deferred_preloads`).
    """
    if deferred and _STREAMLIT_ENTRY.search(body):
        body = _deferred_preloads(_inline_style(_STREAMLIT_ENTRY.sub(_DEFERRED_ENTRY, body, count=1)), map_chunks)
        map_chunks = ""
    elif deferred:
        body = _inline_style(body)
    body = body.replace(b"<head>", b"<head>" + head.encode("utf-8"), 1)
    body = body.replace(b"</head>", map_chunks.encode("utf-8") + b"</head>", 1)
    body = body.replace(b"<body>", b"<body>" + box.encode("utf-8"), 1)
    return gzip.compress(body, compresslevel=6) if compress else body


class PreviewMiddleware:
    """Put the map's preview (:mod:`geo.view.server._preview`) into Streamlit's page, and preload the map's chunks.

    Streamlit's ``index.html`` is asked for uncompressed, the preview's box,
    iframe (the page inline) and script are inserted at the start of its
    ``<body>``, Streamlit's own script is made to start once the preview has
    painted, and the page is sent gzip-compressed.  While the server is still
    making the preview (its warm-up), the page gets a script in its ``<head>``
    instead (``js/preview_late.js``) that asks for
    ``coming.json``: answered once the preview is there (up to
    :data:`COMING_WAIT_S`), with the same box and script.  Any other answer, or
    a page with no preview current or coming, passes unchanged, except that the
    page always asks at once for Streamlit's chunks the map needs in its first
    run (:func:`geo.view.server._serving.first_run_chunks`, at the end of ``<head>``).

    Parameters
    ----------
    app : ASGI application
        The app answering everything else.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if _is_coming_request(scope):
            await self._send_coming(send)
            return
        if not _is_first_page(scope):
            await self.app(scope, receive, send)
            return
        import anyio.to_thread

        from geo.view.server._preview import preview_coming
        from geo.view.server._preview_page import late_script, preview_snippet

        preview = await anyio.to_thread.run_sync(_usable_preview)
        head, box = "", ""
        if preview is not None:
            box = preview_snippet(preview)
        elif preview_coming():  # the server is making it: the page asks for it when it is there
            head = late_script()
        map_chunks = "".join(f'<link rel="modulepreload" crossorigin href="./static/js/{html.escape(name)}">'
                             for name in first_run_chunks())

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
            compress = accepts_gzip(scope)  # the page now carries the preview: worth compressing
            body = _first_page(body, head, map_chunks, box, preview is not None, compress)
            if compress:
                headers += [(b"content-encoding", b"gzip"), (b"vary", b"Accept-Encoding")]
            dropped = (b"content-length", b"etag", b"last-modified")
            headers = [(k, v) for k, v in headers if bytes(k).lower() not in dropped]
            headers.append((b"content-length", str(len(body)).encode()))
            start["headers"] = headers
        await send({**start, "type": "http.response.start"})
        await send({"type": "http.response.body", "body": b"" if scope.get("method") == "HEAD" else body,
                    "more_body": False})

    @staticmethod
    async def _send_coming(send: Send) -> None:
        """Answer ``coming.json``: the preview's parts once it is made (200), or 204 if none comes."""
        import json

        import anyio.to_thread

        from geo.view.server._preview_page import preview_parts

        preview = await anyio.to_thread.run_sync(_coming_preview, limiter=_coming_limiter())
        if preview is None:
            await send({"type": "http.response.start", "status": 204,
                        "headers": [(b"cache-control", b"no-store")]})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            return
        parts = preview_parts(preview)
        body = json.dumps({"box": parts.box, "script": parts.script}, ensure_ascii=False).encode("utf-8")
        await send({"type": "http.response.start", "status": 200, "headers": [
            (b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(body)).encode()),
            (b"cache-control", b"no-store")]})
        await send({"type": "http.response.body", "body": body, "more_body": False})



_refresh_lock = threading.Lock()


def start_preview_refresh(folder: str | None = None) -> None:
    """Make the preview again in a background thread (the data changed); one such thread at a time."""
    if not _refresh_lock.acquire(blocking=False):
        return

    def refresh() -> None:
        try:
            from geo.config import layers_dir
            from geo.view.server._preview import build_preview

            build_preview(str(Path(folder) if folder is not None else layers_dir()))
        except Exception:
            _LOGGER.exception("the map's preview could not be made again; new visitors wait for the live map")
        finally:
            _refresh_lock.release()

    threading.Thread(target=refresh, name="yuqian-preview", daemon=True).start()


