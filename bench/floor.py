"""The static floor: the viewer's features drawn by plain Leaflet, no Streamlit.

A web map cannot draw its data faster than one HTML page that loads Leaflet and
the features file and adds them to a map.  :func:`static_floor` writes such a
page into a folder with Leaflet (from the same npm package the viewer serves) and
the very features file the viewer sent (same bytes, styles, tooltips and
popups), serves the folder from loopback with the standard library's HTTP
server, and times its cold first paint the way :mod:`bench.viewer` times the
viewer's: a new browser context (empty cache), clock at navigation start, stop
at the painted frame that shows every feature.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from geo.view.files import LEAFLET_CSS, LEAFLET_JS, NODE_MODULES

#: The page: Leaflet, one GeoJSON layer per layer of the features file, the viewer's styles and bindings.
FLOOR_HTML = """<!doctype html>
<html><head><meta charset="utf-8"><title>static floor</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="leaflet.css">
<style>html, body, #map { height: 100%; margin: 0; }</style>
<script src="leaflet.js"></script></head>
<body><div id="map"></div>
<script>
var map = L.map("map", {maxZoom: 18}).setView([28.7, 106.8], 9);
fetch("data.json").then(function(r) { return r.json(); }).then(function(data) {
  var all = L.featureGroup();
  Object.keys(data).forEach(function(name) {
    L.geoJson(data[name], {
      pointToLayer: function(f, ll) { return L.circleMarker(ll, f.properties.style); },
      style: function(f) { return f.properties.style; },
      onEachFeature: function(f, layer) {
        layer.bindTooltip(f.properties.tip, {sticky: true});
        layer.bindPopup(f.properties.popup, {maxWidth: 380});
      }
    }).addTo(all);
  });
  all.addTo(map);
});
</script></body></html>
"""


def write_floor(folder: Path, features_json: bytes) -> Path:
    """Write the floor page, Leaflet and the features file into ``folder``; the page's path."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(NODE_MODULES / LEAFLET_JS, folder / "leaflet.js")
    shutil.copy(NODE_MODULES / LEAFLET_CSS, folder / "leaflet.css")
    (folder / "data.json").write_bytes(features_json)
    page = folder / "index.html"
    page.write_text(FLOOR_HTML, encoding="utf-8")
    return page


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) in a thread; yield the page's URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def static_floor(features_json: bytes, total: int, work: Path) -> float:
    """Cold first paint (s) of the static floor page holding ``features_json``.

    Parameters
    ----------
    features_json : bytes
        The features file the viewer served (``{layer: [feature, ...]}``).
    total : int
        Features the page must show before it counts as drawn.
    work : pathlib.Path
        Folder to write the page into.

    Returns
    -------
    float
        Seconds from navigation to the painted frame with every feature, in a
        fresh browser context after one warm-up load.
    """
    from playwright.sync_api import sync_playwright

    from bench.browser import CHROMIUM, CHROMIUM_ARGS, first_paint

    write_floor(work, features_json)
    with serving(work) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            first_paint(browser, url, total, 60_000)  # warm-up: the OS file cache, as the viewer's warm session
            return first_paint(browser, url, total, 60_000)
        finally:
            browser.close()


def floor_waterfall(features_json: bytes, total: int, work: Any) -> dict[str, Any]:
    """Raw timing entries of one cold load of the static floor page (this module's page), after a warm-up."""
    from playwright.sync_api import sync_playwright

    from bench.browser import CHROMIUM, CHROMIUM_ARGS, first_paint_timed

    write_floor(work, features_json)
    with serving(work) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            first_paint_timed(browser, url, total, 60_000)
            return first_paint_timed(browser, url, total, 60_000)[1]
        finally:
            browser.close()
