"""The map's first view painted before Streamlit's own page has loaded: the preview.

A new visitor's browser must load Streamlit's own bundle (2.6 MB, over a hundred
files), open the websocket, wait for a script run, then load the map's
component iframe and its scripts before the first feature is painted: about 3 s
on a laptop, ten times what a plain Leaflet page with the same features needs.
The preview closes that gap without a second copy of anything:

* :func:`build_preview` renders the page's default view (the view a link without
  parameters opens: every layer, no filter, the default basemap, Chinese) as a
  stand-alone folium page.  It uses the viewer's own map (:func:`~geo.view.map._base.build_base_map`,
  :func:`~geo.view.map._base.data_groups`, the legend group, the layer control) and
  the same published files: the joined Leaflet script and the features file.
* :class:`geo.view.server._serving.PreviewMiddleware` puts that page, with its
  script, style sheets and features written into it (:mod:`geo.view.server._preview_page`),
  into Streamlit's ``index.html`` as an iframe, over the place where the live map will be
  (``geo/view/js/preview.js``).  It paints in a fraction of a second, can be
  panned, zoomed and clicked, and says that the filters are still loading.
  It makes no request of its own before it paints (a features file over
  :data:`geo.view.server._preview_page.INLINE_FEATURES_MAX_BYTES` is fetched instead),
  and Streamlit's own script starts once it has painted (1.5 s at most).
* When the live map has drawn every feature (``YQ.drawnAt`` in ``mapread.js``),
  it takes over the preview's view (if the visitor moved it) and the preview is
  removed.

The preview is only offered for the data revision it was made from
(:attr:`Preview.signature`: the layer files and the edit store's revision), and
only to a URL without parameters (any parameter may change the view).  The
files of the last preview are kept on disk (:func:`cache_dir`), so the first
visitor after a server restart gets it at once, before the server has imported
its heavy libraries (:func:`restore_preview`).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from geo.view.files import (
    ASSETS_DIR,
    JS_DIR,
    VIEW_DIR,
    Signature,
    publish_named,
    publish_text,
    published_path,
    served_folder,
)

#: The view the preview shows: the page's defaults.
PREVIEW_LANG: Final[str] = "zh"
#: Component path (``/component/<name>/...``) of the preview page and the files it alone needs.
PREVIEW_COMPONENT: Final[str] = "geo.view.server._preview.page"
#: ``id`` of the preview's iframe in Streamlit's page (``js/preview.js``, the tests, the benchmark).
PREVIEW_FRAME_ID: Final[str] = "yq-preview-frame"
_MANIFEST: Final[str] = "preview.json"
#: Name stem of the filter index (:data:`geo.view.map.INDEX_STEM`, not imported: this module stays light).
_INDEX_STEM: Final[str] = "filters-"
_LOGGER = logging.getLogger(__name__)
_lock = threading.Condition()
_current: Preview | None = None
_builds = 0  # previews being made right now (warm-up, refresh)



@dataclass(frozen=True)
class Preview:
    """A published preview page.

    Attributes
    ----------
    signature : tuple
        The data revision it shows (:func:`data_signature`).
    page : str
        Name of the page's file (served by :class:`geo.view.server._serving.HashedFilesMiddleware`).
    preloads : tuple of str
        Paths (below ``/component/``) of the files the live map will fetch too: the joined
        script, the features file and, once the warm-up has made it, the filter index.
    html : str
        The page itself (put into Streamlit's page as the iframe's ``srcdoc``).
    """

    signature: Signature
    page: str
    preloads: tuple[str, ...] = ()
    html: str = field(default="", compare=False, repr=False)

    @property
    def page_path(self) -> str:
        """Path of the page below the app's root, e.g. ``component/geo.view.server._preview.page/preview-….html``."""
        return f"component/{PREVIEW_COMPONENT}/{self.page}"


def data_signature(folder: str) -> Signature:
    """What a session without parameters would show: the layer files and the edit store's revision.

    Parameters
    ----------
    folder : str
        The layers folder.

    Returns
    -------
    tuple
        :func:`geo.view.cache.folder_signature` plus the store's entry (as a
        session's :func:`geo.view.edit._mode.edit_signature` has it in the plan's status view).
    """
    from geo.config import edit_store_configured
    from geo.view.files import folder_signature

    signature = folder_signature(folder)
    if not edit_store_configured():  # no store: no database library to import on a first request
        return signature
    from geo.view.edit import store_signature

    return signature + store_signature()


def cache_dir() -> Path:
    """Folder of the last preview's files on disk (``$YUQIAN_CACHE``, default ``$XDG_CACHE_HOME/yuqian/preview``)."""
    given = os.environ.get("YUQIAN_CACHE")
    if given:
        return Path(given) / "preview"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "yuqian" / "preview"


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the viewer's code and scripts: a preview made by other code is never reused."""
    package = VIEW_DIR.parent
    digest = hashlib.sha256()
    files = sorted([*package.rglob("*.py"), *JS_DIR.glob("*.js"), ASSETS_DIR / "package-lock.json"])
    for path in files:
        if path.is_file():
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def current_preview() -> Preview | None:
    """The preview this process has published, if any."""
    with _lock:
        return _current


def _set_current(preview: Preview) -> None:
    global _current
    with _lock:
        _current = preview
        _lock.notify_all()


def preview_coming() -> bool:
    """Whether a preview is being made right now (a page asked for meanwhile may wait for it)."""
    with _lock:
        return _builds > 0


def wait_for_preview(timeout_s: float) -> Preview | None:
    """The current preview, waiting up to ``timeout_s`` for one being made; ``None`` if none comes."""
    with _lock:
        _lock.wait_for(lambda: _current is not None or _builds == 0, timeout=timeout_s)
        return _current


def build_preview(folder: str, keep: bool = True) -> Preview:
    """Render and publish the preview of the default view of ``folder``; remember it.

    Parameters
    ----------
    folder : str
        The layers folder.
    keep : bool
        Also write its files to :func:`cache_dir` for the next server start.

    Returns
    -------
    Preview
        The published page.
    """
    with making_preview():
        return _build(folder, keep)


@contextlib.contextmanager
def making_preview() -> Iterator[None]:
    """Mark the time a preview is being made (the server's warm-up wraps its first steps in it).

    A page asked for meanwhile gets a script that waits for the preview
    (:func:`wait_for_preview`) instead of none.
    """
    global _builds
    with _lock:
        _builds += 1
    try:
        yield
    finally:
        with _lock:
            _builds -= 1
            _lock.notify_all()


def _build(folder: str, keep: bool) -> Preview:
    import folium
    from branca.element import Figure

    from geo.filters import count_features, filter_layers
    from geo.symbology import PLAIN_BACKGROUND
    from geo.view.cache import cached_choices, cached_layers, cached_map_data, cached_prepared, filter_index
    from geo.view.edit import changed_legend_html
    from geo.view.files import serve_assets
    from geo.view.i18n import text
    from geo.view.map import build_base_map, data_groups, legend_group, legend_html, pilot_bounds, served_layer
    from geo.view.state import ViewState

    signature = data_signature(folder)
    state = ViewState()
    lang = state.lang
    layers = cached_layers(folder, signature)
    prepared = cached_prepared(folder, signature, lang, state.gcj02)
    source = cached_map_data(folder, signature, lang, state.gcj02)
    urls = serve_assets()
    filtered = filter_layers(layers, state.criteria)
    legend = legend_html(filtered, layers, lang) + changed_legend_html(filtered, lang)
    shown = sum(count_features(filtered).values())
    index = filter_index(folder, signature, lang, state.gcj02)  # None until the warm-up has made it
    fmap = build_base_map(state.basemap, lang, urls,
                          pilot_bounds(layers.get("boundaries"), prepared.get("boundaries")), filters=index is not None)
    for group in data_groups(filtered, lang, source):
        group.add_to(fmap)
    legend_layers = legend_group(legend, f"{text('legend', lang)} · {text('shown', lang)} {shown}")
    if index is not None:  # the preview draws a filter change itself, as the live map's frame does
        served_layer(state.criteria, index, cached_choices(folder, signature).layers).add_to(legend_layers)
    legend_layers.add_to(fmap)
    folium.LayerControl(collapsed=True).add_to(fmap)
    root = fmap.get_root()
    assert isinstance(root, Figure)  # a map's root is its figure
    root.header.add_child(folium.Element("<script>window.yqIsPreview = true;</script>"
                                          f"<style>{_PAGE_CSS.replace('BACKGROUND', PLAIN_BACKGROUND)}</style>"))
    _map_alias().add_to(fmap)
    page_html = root.render()
    # relative URLs of the live iframe (/component/streamlit_folium.st_folium/) hold here too
    page = publish_text(served_folder("yuqian-preview-"), "preview-", ".html", page_html)
    preloads = tuple(u.removeprefix("../") for u in (urls.bundles.get(lang, ""), source.url, index) if u)
    preview = Preview(signature=signature, page=page, preloads=preloads, html=page_html)
    _set_current(preview)
    if keep:
        _keep(preview)
    return preview


def answers_filters(preview: Preview | None) -> bool:
    """Whether ``preview`` draws a filter change itself: it was made with the filter index."""
    return preview is not None and any(p.rsplit("/", 1)[-1].startswith(_INDEX_STEM) for p in preview.preloads)


def build_preview_with_index(folder: str) -> Preview | None:
    """Make the preview again once the filter index exists, if the current one was made without it.

    The first view's preview is made before the index (which needs every name's
    pinyin, :func:`geo.view.server._serving.warm_rest`); made again with it, the
    preview draws the first filter change before the live map has come
    (``predict.js`` in the preview's frame, which reads the page's widgets as the
    live map's does).  Nothing is done when the current preview shows other data.

    Parameters
    ----------
    folder : str
        The layers folder.

    Returns
    -------
    Preview or None
        The new preview, or ``None`` when none was made.
    """
    made = current_preview()
    if made is None or answers_filters(made) or made.signature != data_signature(folder):
        return None
    return build_preview(folder)


def _map_alias() -> Any:
    """``window.map``: the name streamlit-folium gives its map (the tests and the benchmark count features there)."""
    from branca.element import MacroElement
    from jinja2 import Template

    alias = MacroElement()
    alias._name = "MapAlias"
    alias._template = Template("{% macro script(this, kwargs) %}window.map = {{ this._parent.get_name() }};"
                               "{% endmacro %}")
    return alias


#: The preview page fills its iframe; nothing may scroll.
_PAGE_CSS: Final[str] = ("html, body { margin: 0; height: 100%; overflow: hidden; } "
                         ".folium-map { height: 100% !important; } "
                         # the live map's background, whatever the order of the style sheets
                         "html body .leaflet-container { background: BACKGROUND; }")


def _files_of(preview: Preview) -> dict[str, Path]:
    """Served name -> file of the page and the preloaded files (all content-hashed)."""
    names = [preview.page, *(p.rsplit("/", 1)[-1] for p in preview.preloads)]
    found = {name: published_path(name) for name in names}
    return {name: path for name, path in found.items() if path is not None}


def _keep(preview: Preview) -> None:
    """Write the preview's files and manifest to :func:`cache_dir`; failures are logged only."""
    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        files = _files_of(preview)
        for name, path in files.items():
            target = folder / name
            if not target.exists():
                tmp = folder / f".{name}.tmp"
                tmp.write_bytes(path.read_bytes())
                os.replace(tmp, target)
        manifest = {"code": code_version(), "signature": [list(e) for e in preview.signature],
                    "page": preview.page, "preloads": list(preview.preloads)}
        tmp = folder / f".{_MANIFEST}.tmp"
        tmp.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, folder / _MANIFEST)
        for stale in folder.iterdir():
            if stale.is_file() and stale.name != _MANIFEST and stale.name not in files:
                stale.unlink(missing_ok=True)
    except OSError:
        _LOGGER.warning("the preview could not be kept in %s", cache_dir(), exc_info=True)


def restore_preview(folder: str) -> Preview | None:
    """Publish the preview kept on disk if it shows ``folder``'s current data with this code.

    Parameters
    ----------
    folder : str
        The layers folder.

    Returns
    -------
    Preview or None
        The restored preview (also :func:`current_preview`), or ``None`` when none
        was kept, or it is for other data or other code, or unreadable.
    """
    try:
        kept = cache_dir()
        manifest = json.loads((kept / _MANIFEST).read_text(encoding="utf-8"))
        signature = tuple((str(n), float(v)) for n, v in manifest["signature"])
        if manifest.get("code") != code_version() or signature != data_signature(folder):
            return None
        page = str(manifest["page"])
        preloads = tuple(str(p) for p in manifest["preloads"])
        targets = {page: "yuqian-preview-"}
        for path in preloads:
            name = path.rsplit("/", 1)[-1]
            targets[name] = "yuqian-leaflet-" if name.endswith(".js") else "yuqian-map-data-"
        for name, prefix in targets.items():
            publish_named(served_folder(prefix), name, (kept / name).read_bytes())
        page_html = (kept / page).read_text(encoding="utf-8")
    except (OSError, ValueError, KeyError, TypeError):
        return None
    preview = Preview(signature=signature, page=page, preloads=preloads, html=page_html)
    _set_current(preview)
    return preview
