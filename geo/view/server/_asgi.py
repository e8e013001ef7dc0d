"""ASGI plumbing shared by the server's two middlewares: types, the request's path, Streamlit's own files.

Below both :mod:`._serving` and :mod:`._page_middleware`, so that neither
imports the other's module to read a request.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any, Final

#: The ASGI types of the server's middleware.
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def accepts_gzip(scope: Scope) -> bool:
    for name, value in scope.get("headers", ()):
        if name == b"accept-encoding":
            codings = {part.split(b";")[0].strip().lower() for part in value.split(b",")}
            return b"gzip" in codings or b"*" in codings
    return False


def route_path(scope: Scope) -> str:
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


_STREAMLIT_COMPRESSED: Final[frozenset[str]] = frozenset({".js", ".css"})


def streamlit_static_root() -> Path:
    import streamlit

    return (Path(streamlit.__file__).resolve().parent / "static" / "static").resolve()


def streamlit_static_file(scope: Scope) -> Path | None:
    """A script or style sheet of Streamlit's own bundle (``/static/js/…``, ``/static/css/…``), if that is asked.

    Streamlit sends them uncompressed: 2.6 MB before a first page works, where
    gzip makes about a quarter of it (on a laptop's Wi-Fi or a county office's
    line, seconds).  Their names carry a content hash, so they are kept for a
    year as Streamlit itself says.
    """
    if scope.get("type") != "http" or scope.get("method") not in ("GET", "HEAD"):
        return None
    route = route_path(scope)
    if not route.startswith("/static/") or Path(route).suffix not in _STREAMLIT_COMPRESSED:
        return None
    root = streamlit_static_root()
    path = (root / route[len("/static/"):]).resolve()
    return path if path.is_relative_to(root) and path.is_file() else None


def first_page_files() -> list[Path]:
    """Streamlit's files its ``index.html`` asks for, and :func:`first_run_chunks` (compressed at start)."""
    root = streamlit_static_root()
    page = (root.parent / "index.html").read_text(encoding="utf-8")
    named = dict.fromkeys(re.findall(r'(?:src|href)="\./static/([^"]+\.(?:js|css))"', page))
    named.update(dict.fromkeys(f"js/{name}" for name in first_run_chunks()))
    return [root / name for name in named if (root / name).is_file()]


#: Streamlit's lazily loaded chunks the map needs in a first run, by the start of their names:
#: the component iframe the map lives in, and the HTML markdown that carries the page's style;
#: then the sidebar's widgets (:func:`geo.view.sidebar.draw_sidebar`), so that the filters can be
#: used while the preview is shown: fetched on demand, they came only once the live map's frame
#: had loaded (a cold load's box usable 2-3 s after the preview had painted).
FIRST_RUN_CHUNKS: Final[tuple[str, ...]] = ("ComponentInstance", "rehype-raw",
                                            "Radio", "TextInput", "Multiselect", "Checkbox", "Button")


@functools.lru_cache(maxsize=1)
def first_run_chunks() -> tuple[str, ...]:
    """Names (below ``static/js/``) of :data:`FIRST_RUN_CHUNKS` and what they import, not in ``index.html``.

    Streamlit asks for them only once the first script run's elements arrive, in
    a queue with some fifty chunks of the sidebar's widgets; asked for at once
    (``modulepreload``: with the page, or, with the preview, as soon as it has
    painted), they are there when the map's element is.
    Names are read from the installed Streamlit's own files, so another version
    of it gives its own names (or none).
    """
    folder = streamlit_static_root() / "js"
    page = (folder.parent.parent / "index.html").read_text(encoding="utf-8")
    listed = set(re.findall(r'\./static/js/([^"]+\.js)', page))
    todo = [p.name for stem in FIRST_RUN_CHUNKS for p in sorted(folder.glob(f"{stem}.*.js"))[:1]]
    found: list[str] = []
    while todo:
        name = todo.pop(0)
        if name in listed or name in found or not (folder / name).is_file():
            continue
        found.append(name)
        todo += re.findall(r'from"\./([^"]+\.js)"', (folder / name).read_text(encoding="utf-8"))
    return tuple(found)
