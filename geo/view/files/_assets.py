"""Offline Leaflet: the JS/CSS of Leaflet and its plugins, served by the Streamlit server.

Leaflet, leaflet.fullscreen, leaflet-measure and Leaflet.markercluster are npm packages pinned in
``geo/view/assets/package.json`` and installed with ``npm ci --prefix
geo/view/assets`` into ``geo/view/assets/node_modules``.  That folder is
registered as the file root of a Streamlit component that is never drawn:
Streamlit then serves its files, with their real content types, under
``/component/<component name>/...`` on the app's own host.  The URLs handed to
folium are relative to the streamlit-folium iframe (``/component/streamlit_folium.st_folium/``),
so they also work behind a ``server.baseUrlPath``.

Folium's own defaults point at CDNs; :func:`use_offline_assets` replaces them on
every element of a map, and :func:`external_urls` lists any that would still be
loaded from elsewhere (the tests require none).

streamlit-folium loads a map's scripts one after the other, each waiting for the
previous; so :func:`serve_assets` also joins Leaflet, the plugins and the viewer's
own map script (``geo/view/js/mapread.js``: stacks, labels, route stops, legend) into one
script per language (:func:`bundle_text`), written once per process under a
content-hash name and served the same way: one request instead of four in a
row on a first visit.  The style sheets stay where they are (their image URLs
are relative to them).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import branca.element
import folium

from geo.view.files._served import publish_text, served_folder
from geo.view.i18n import Language, text

#: The viewer's package folder (``geo/view``).
VIEW_DIR: Final[Path] = Path(__file__).resolve().parent.parent
#: Folder of package.json / package-lock.json; npm installs into node_modules below it.
ASSETS_DIR: Final[Path] = VIEW_DIR / "assets"
#: The viewer's own scripts (map, labels, legend, filter prediction, preview, site, big uploads).
JS_DIR: Final[Path] = VIEW_DIR / "map" / "js"
NODE_MODULES: Final[Path] = ASSETS_DIR / "node_modules"

#: Name under which the asset folder is registered (as ``<module>.<name>``).
COMPONENT_NAME: Final[str] = "offline_assets"
COMPONENT_FULL_NAME: Final[str] = f"{__name__}.{COMPONENT_NAME}"
#: Name under which the folder of the joined scripts is registered.
BUNDLE_COMPONENT_NAME: Final[str] = "offline_bundle"
BUNDLE_COMPONENT_FULL_NAME: Final[str] = f"{__name__}.{BUNDLE_COMPONENT_NAME}"

#: Files used, relative to node_modules.
LEAFLET_JS: Final[str] = "leaflet/dist/leaflet.js"
LEAFLET_CSS: Final[str] = "leaflet/dist/leaflet.css"
FULLSCREEN_JS: Final[str] = "leaflet.fullscreen/Control.FullScreen.js"
FULLSCREEN_CSS: Final[str] = "leaflet.fullscreen/Control.FullScreen.css"
MEASURE_JS: Final[dict[str, str]] = {
    "zh": "leaflet-measure/dist/leaflet-measure.cn.js",
    "en": "leaflet-measure/dist/leaflet-measure.js",
}
MEASURE_CSS: Final[str] = "leaflet-measure/dist/leaflet-measure.css"
MARKERCLUSTER_JS: Final[str] = "leaflet.markercluster/dist/leaflet.markercluster.js"
#: The viewer's own map scripts, in load order: data layers, the stack group, then labels and route
#: stops, then the legend control, then the filter changes drawn before the server answers, then the
#: view kept in the page's address. In the package, not npm.
MAPREAD_JS: Final[tuple[Path, ...]] = tuple(JS_DIR / name for name in ("mapread.js", "stacks.js", "labels.js",
                                                                       "legend.js", "predict.js", "shareview.js"))

REQUIRED_FILES: Final[tuple[str, ...]] = (
    LEAFLET_JS, LEAFLET_CSS, FULLSCREEN_JS, FULLSCREEN_CSS, MEASURE_CSS, *MEASURE_JS.values(), MARKERCLUSTER_JS,
)

#: Folders (relative to node_modules) whose style sheets and images a page may load.
ASSET_FOLDERS: Final[tuple[str, ...]] = tuple(dict.fromkeys(str(Path(name).parent) for name in REQUIRED_FILES))

_SOURCE_MAP = re.compile(r"^\s*//[#@] sourceMappingURL=.*$", re.MULTILINE)


@dataclass(frozen=True)
class AssetUrls:
    """Relative URLs of the offline Leaflet files, as seen from the map's iframe.

    Attributes
    ----------
    base : str
        URL of ``node_modules``.
    bundles : mapping of str to str
        Language -> URL of the script holding Leaflet and both plugins; when
        empty, the scripts are loaded separately.
    """

    base: str
    bundles: Mapping[str, str] = field(default_factory=dict)

    def url(self, relative: str) -> str:
        """URL of a file given relative to ``node_modules``."""
        return f"{self.base}/{relative}"


def missing_assets(root: Path = NODE_MODULES) -> list[str]:
    """Required asset files that are not installed.

    Parameters
    ----------
    root : pathlib.Path
        The ``node_modules`` folder.

    Returns
    -------
    list of str
        Paths relative to ``root``; empty when everything is there.
    """
    return [name for name in REQUIRED_FILES if not (root / name).is_file()]


def serve_assets(root: Path = NODE_MODULES) -> AssetUrls:
    """Register the asset folder with Streamlit so that its files are served.

    Parameters
    ----------
    root : pathlib.Path
        The ``node_modules`` folder to serve.

    Returns
    -------
    AssetUrls
        Where the files are reachable from the streamlit-folium iframe.

    Raises
    ------
    FileNotFoundError
        When ``npm ci`` has not been run (the message says how to fix it).
    """
    missing = missing_assets(root)
    if missing:
        raise FileNotFoundError(
            f"offline Leaflet files missing under {str(root)!r}: {missing!r}; "
            f"run 'npm ci --prefix {ASSETS_DIR}' to install them")
    import streamlit.components.v1 as components

    components.declare_component(COMPONENT_NAME, path=str(root))
    folder = served_folder("yuqian-leaflet-")
    names = _published_bundles(root, folder)
    components.declare_component(BUNDLE_COMPONENT_NAME, path=str(folder))
    return AssetUrls(base=f"../{COMPONENT_FULL_NAME}",
                     bundles={lang: f"../{BUNDLE_COMPONENT_FULL_NAME}/{name}" for lang, name in names.items()})


@functools.lru_cache(maxsize=8)
def _published_bundles(root: Path, folder: Path) -> dict[str, str]:
    """Write the joined script of each language into ``folder`` once; language -> file name."""
    return {lang: publish_text(folder, f"leaflet-bundle-{lang}-", ".js", bundle_text(root, lang), digits=16)
            for lang in MEASURE_JS}


def bundle_text(root: Path, lang: str) -> str:
    """Leaflet, its plugins (measure in the ``lang`` edition) and the viewer's map script as one script.

    The files are joined in load order, as the separate script elements would
    run them (same global scope); their source-map comments are dropped since
    the maps are not next to the bundle.

    Parameters
    ----------
    root : pathlib.Path
        The ``node_modules`` folder.
    lang : {"zh", "en"}
        Edition of the measure tool.

    Returns
    -------
    str
        The script, with a header naming its parts.
    """
    parts = (LEAFLET_JS, FULLSCREEN_JS, MEASURE_JS.get(lang, MEASURE_JS["en"]), MARKERCLUSTER_JS)
    header = ("/* Joined for offline use by geo.view.files._assets: " + ", ".join(parts)
              + ", the controls' words, geo/view/map/js/mapread.js, stacks.js, labels.js, legend.js, predict.js, "
              "shareview.js (licences in each part) */")
    bodies = [_SOURCE_MAP.sub("", (root / part).read_text(encoding="utf-8")) for part in parts]
    bodies.append(control_words_script("zh" if lang == "zh" else "en"))
    bodies.extend(without_comment_lines(script.read_text(encoding="utf-8")) for script in MAPREAD_JS)
    return "\n;\n".join([header, *bodies]) + "\n"


#: The tooltips of Leaflet's and the plugins' controls, by key of :mod:`geo.view.i18n`.
CONTROL_WORDS: Final[dict[str, str]] = {"zoomIn": "ctl_zoom_in", "zoomOut": "ctl_zoom_out", "layers": "ctl_layers",
                                        "fullscreen": "ctl_fullscreen", "fullscreenExit": "ctl_fullscreen_exit",
                                        "leaflet": "ctl_leaflet"}


def control_words_script(lang: Language) -> str:
    """A script that writes the controls' tooltips in ``lang`` (run after Leaflet and the plugins).

    Leaflet writes "Zoom in", "Zoom out" and "Layers", leaflet.fullscreen "Full
    Screen" (folium passes its own English title): whatever the page's language.
    The zoom buttons take Leaflet's options; the layer control's toggle and the
    full-screen button are set when they are made.  The measure tool has its
    own Chinese edition (:data:`MEASURE_JS`).

    Parameters
    ----------
    lang : {"zh", "en"}
        Language of the words.

    Returns
    -------
    str
        The script.
    """
    words = json.dumps({name: text(key, lang) for name, key in CONTROL_WORDS.items()}, ensure_ascii=False)
    return f"""(function () {{
  var W = {words};
  L.Control.Zoom.mergeOptions({{zoomInTitle: W.zoomIn, zoomOutTitle: W.zoomOut}});
  var layout = L.Control.Layers.prototype._initLayout;
  L.Control.Layers.prototype._initLayout = function () {{
    layout.call(this);
    var link = this._layersLink;
    if (link) {{ link.title = W.layers; link.setAttribute("aria-label", W.layers); }}
  }};
  var prefix = L.Control.Attribution.prototype.options.prefix;
  if (typeof prefix === "string") {{
    L.Control.Attribution.mergeOptions({{prefix: prefix.replace(/title="[^"]*"/, 'title="' + W.leaflet + '"')}});
  }}
  if (L.Control.FullScreen) {{
    var made = L.Control.FullScreen.prototype.initialize;
    L.Control.FullScreen.prototype.initialize = function (options) {{
      made.call(this, options);
      this.options.title = W.fullscreen;
      this.options.titleCancel = W.fullscreenExit;
    }};
  }}
}})();"""


def without_comment_lines(script: str) -> str:
    """The viewer's own ``script`` without the lines that are only comments (its notes stay in the repository).

    Every first visit gets the bundle inline in the preview and again as the
    live map's script: the notes of ``geo/view/js`` are a quarter of the viewer's
    own code once compressed.  Only whole lines go: a line holding nothing but
    ``// ...``, or lying in a ``/* ... */`` comment that starts a line (code
    after its end on the same line is kept).  Comments after code stay.  The
    files have no template literals, so no line of a string is taken for one.

    Parameters
    ----------
    script : str
        A file of ``geo/view/js``.

    Returns
    -------
    str
        The script, shorter; the same code.
    """
    kept: list[str] = []
    in_comment = False
    for line in script.splitlines():
        stripped = line.strip()
        if in_comment or stripped.startswith("/*"):
            end = stripped.find("*/", 0 if in_comment else 2)
            in_comment = end < 0
            rest = "" if in_comment else stripped[end + 2:].strip()
            if rest:
                kept.append(rest)
            continue
        if not stripped.startswith("//"):
            kept.append(line)
    return "\n".join(kept) + "\n"


def use_offline_assets(element: branca.element.Element, urls: AssetUrls, lang: str = "zh") -> None:
    """Point the JS/CSS of a map and of every element in it to the local files.

    Folium's map also lists jQuery, Bootstrap and Font Awesome for its marker
    icons and popups; the viewer uses neither, so they are dropped.

    Parameters
    ----------
    element : branca.element.Element
        A folium map (or any element); its children are visited too.
    urls : AssetUrls
        From :func:`serve_assets`.
    lang : {"zh", "en"}
        Language of the measure tool.
    """
    from folium.plugins import Fullscreen, MeasureControl

    bundle = urls.bundles.get(lang) or urls.bundles.get("en")
    for node in _walk(element):
        if isinstance(node, folium.Map):
            # without a bundle (tests of the HTML only) the viewer's own script is not loaded
            node.default_js = [("leaflet", bundle)] if bundle else [
                ("leaflet", urls.url(LEAFLET_JS)), ("markercluster", urls.url(MARKERCLUSTER_JS))]
            node.default_css = [("leaflet_css", urls.url(LEAFLET_CSS))]
        elif isinstance(node, Fullscreen):
            node.default_js = [] if bundle else [("Control.Fullscreen.js", urls.url(FULLSCREEN_JS))]
            node.default_css = [("Control.FullScreen.css", urls.url(FULLSCREEN_CSS))]
        elif isinstance(node, MeasureControl):
            node.default_js = [] if bundle else [("leaflet_measure_js",
                                                  urls.url(MEASURE_JS.get(lang, MEASURE_JS["en"])))]
            node.default_css = [("leaflet_measure_css", urls.url(MEASURE_CSS))]


def external_urls(element: branca.element.Element) -> list[str]:
    """JS/CSS URLs of a map that would be fetched from another host.

    Parameters
    ----------
    element : branca.element.Element
        A folium map.

    Returns
    -------
    list of str
        Absolute ``http(s)://`` or protocol-relative URLs; empty when offline-safe.
    """
    found: list[str] = []
    for node in _walk(element):
        for _, url in [*getattr(node, "default_js", []), *getattr(node, "default_css", [])]:
            if url.startswith(("http://", "https://", "//")):
                found.append(url)
    return found


def _walk(element: branca.element.Element) -> Iterator[branca.element.Element]:
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)
