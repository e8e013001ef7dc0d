"""Offline Leaflet: the JS/CSS of Leaflet and its plugins, served by the Streamlit server.

Leaflet, leaflet.fullscreen and leaflet-measure are npm packages pinned in
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
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import branca.element
import folium

#: Folder of package.json / package-lock.json; npm installs into node_modules below it.
ASSETS_DIR: Final[Path] = Path(__file__).resolve().parent / "assets"
NODE_MODULES: Final[Path] = ASSETS_DIR / "node_modules"

#: Name under which the asset folder is registered (as ``<module>.<name>``).
COMPONENT_NAME: Final[str] = "offline_assets"
COMPONENT_FULL_NAME: Final[str] = f"{__name__}.{COMPONENT_NAME}"

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

REQUIRED_FILES: Final[tuple[str, ...]] = (
    LEAFLET_JS, LEAFLET_CSS, FULLSCREEN_JS, FULLSCREEN_CSS, MEASURE_CSS, *MEASURE_JS.values(),
)


@dataclass(frozen=True)
class AssetUrls:
    """Relative URLs of the offline Leaflet files, as seen from the map's iframe."""

    base: str

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
    return AssetUrls(base=f"../{COMPONENT_FULL_NAME}")


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

    for node in _walk(element):
        if isinstance(node, folium.Map):
            node.default_js = [("leaflet", urls.url(LEAFLET_JS))]
            node.default_css = [("leaflet_css", urls.url(LEAFLET_CSS))]
        elif isinstance(node, Fullscreen):
            node.default_js = [("Control.Fullscreen.js", urls.url(FULLSCREEN_JS))]
            node.default_css = [("Control.FullScreen.css", urls.url(FULLSCREEN_CSS))]
        elif isinstance(node, MeasureControl):
            node.default_js = [("leaflet_measure_js", urls.url(MEASURE_JS.get(lang, MEASURE_JS["en"])))]
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
