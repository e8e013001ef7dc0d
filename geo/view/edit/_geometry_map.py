"""The small map of the edit panel: drag or click a point, redraw or reshape a line.

A point is a draggable Leaflet marker (a click on the map moves it there); a
line is drawn with Leaflet-Geoman (npm ``@geoman-io/leaflet-geoman-free``,
served locally like the other plugins): its vertices can be dragged, or a new
line drawn with the toolbar.  Each change is reported to Python through
streamlit-folium's own drawing channel (the map fires ``draw:created`` with the
layer, and ``st_folium`` returns it as ``last_active_drawing``).  Nothing is
saved from here: the reported geometry only fills the panel's inputs, and the
save goes through the server-side checks.
"""

from __future__ import annotations

from typing import Any, Final

import folium
import geopandas as gpd
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from geo.symbology import BOUNDARY_COLOUR
from geo.view.files import AssetUrls
from geo.view.i18n import Language
from geo.view.map import build_base_map

GEOMAN_JS: Final[str] = "@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.js"
GEOMAN_CSS: Final[str] = "@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css"
#: Simplification of the county outlines on the edit map, degrees (~50 m).
CONTEXT_SIMPLIFY_DEG: Final[float] = 0.0005
MARKER_IMAGES: Final[str] = "leaflet/dist/images/"
EDIT_MAP_HEIGHT_PX: Final[int] = 380
EDIT_COLOUR: Final[str] = "#d500f9"


class EditableGeometry(JSCSSMixin, MacroElement):
    """The feature being edited, editable in the browser, changes reported to ``st_folium``.

    Parameters
    ----------
    kind : {"point", "line"}
        What is edited.
    coords : list of [lon, lat]
        The current geometry (one pair for a point).
    lang : {"zh", "en"}
        Language of the Geoman toolbar.
    geoman_js, geoman_css : str
        URLs of the local Geoman files.
    image_path : str
        URL of Leaflet's marker images (folder, ending in ``/``).
    fid : str
        Id of the feature edited.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
(function(map, kind, coords, lang, colour, imagePath, fid) {
  window.yqEditFid = fid;  // which feature this map edits (tests and tools can tell the maps apart)
  function report(layer) { map.fire('draw:created', {layer: layer, layerType: kind}); }
  if (kind === 'point') {
    L.Icon.Default.imagePath = imagePath;  // the marker images next to the local leaflet.css
    var marker = L.marker([coords[0][1], coords[0][0]], {draggable: true, autoPan: true}).addTo(map);
    marker.getElement && marker.getElement() && marker.getElement().classList.add('yq-edit-marker');
    marker.on('dragend', function() { report(marker); });
    map.on('click', function(e) { marker.setLatLng(e.latlng); report(marker); });
    window.yqEditLayer = marker;
    return;
  }
  var style = {color: colour, weight: 4, opacity: 0.9, className: 'yq-edit-line'};
  var line = L.polyline(coords.map(function(c) { return [c[1], c[0]]; }), style).addTo(map);
  function watch(layer) {
    layer.on('pm:edit', function() { report(layer); });
    layer.pm && layer.pm.enable({allowSelfIntersection: true});
  }
  if (map.pm) {
    map.pm.setLang(lang === 'zh' ? 'zh' : 'en');
    map.pm.setPathOptions(style);
    map.pm.addControls({position: 'topleft', drawMarker: false, drawCircleMarker: false, drawPolygon: false,
      drawRectangle: false, drawCircle: false, drawText: false, cutPolygon: false, rotateMode: false,
      dragMode: false, removalMode: false, editMode: true, drawPolyline: true});
    watch(line);
    map.on('pm:create', function(e) {
      if (line) { map.removeLayer(line); }
      line = e.layer; watch(line); window.yqEditLayer = line; report(line);
    });
  }
  window.yqEditLayer = line;
  if (line.getBounds().isValid()) { map.fitBounds(line.getBounds(), {padding: [20, 20]}); }
})({{ this._parent.get_name() }}, {{ this.kind|tojson }}, {{ this.coords|tojson }}, {{ this.lang|tojson }},
   {{ this.colour|tojson }}, {{ this.image_path|tojson }}, {{ this.fid|tojson }});
{% endmacro %}
""")

    def __init__(self, kind: str, coords: list[list[float]], lang: Language, geoman_js: str,
                 geoman_css: str, image_path: str, fid: str = "") -> None:
        super().__init__()
        self._name = "EditableGeometry"
        self.kind = kind
        self.coords = coords
        self.lang = lang
        self.colour = EDIT_COLOUR
        self.image_path = image_path
        self.fid = fid
        self.default_js = [("leaflet_geoman_js", geoman_js)]
        self.default_css = [("leaflet_geoman_css", geoman_css)]



def edit_map(kind: str, coords: list[list[float]], basemap: str, lang: Language,
             urls: AssetUrls, context: gpd.GeoDataFrame | None = None, fid: str = "") -> folium.Map:
    """The small map of the edit panel, centred on the feature.

    Parameters
    ----------
    kind : {"point", "line"}
        What is edited.
    coords : list of [lon, lat]
        The current geometry in WGS84.
    basemap : str
        The page's basemap; Gaode (GCJ-02) is replaced by OpenStreetMap so that
        a clicked position is a WGS84 one.
    lang : {"zh", "en"}
        Interface language.
    urls : AssetUrls
        Where the local Leaflet files are served.
    context : geopandas.GeoDataFrame, optional
        County boundaries drawn as thin outlines, to find one's way without tiles.
    fid : str
        Id of the feature edited (recorded in the map's page).

    Returns
    -------
    folium.Map
        The map, to pass to ``st_folium``.
    """
    fmap = build_base_map("osm" if basemap == "gaode" else basemap, lang, urls)
    if kind == "point" and coords:
        fmap.location = [coords[0][1], coords[0][0]]
        fmap.options["zoom"] = 13
    if context is not None and not context.empty:
        outlines = context[[context.geometry.name]].copy()
        outlines[outlines.geometry.name] = outlines.geometry.boundary.simplify(CONTEXT_SIMPLIFY_DEG)
        folium.GeoJson(outlines.__geo_interface__, name="context", interactive=False, control=False,
                       style_function=lambda _: {"color": BOUNDARY_COLOUR, "weight": 1, "opacity": 0.8}
                       ).add_to(fmap)
    EditableGeometry(kind, coords, lang, urls.url(GEOMAN_JS), urls.url(GEOMAN_CSS),
                     urls.url(MARKER_IMAGES), fid).add_to(fmap)
    return fmap


def drawn_coordinates(drawing: Any, kind: str) -> list[list[float]] | None:
    """The lon/lat pairs of what ``st_folium`` reported as ``last_active_drawing``.

    Parameters
    ----------
    drawing : object
        A GeoJSON feature (dict) or anything else.
    kind : {"point", "line"}
        The geometry expected.

    Returns
    -------
    list of [lon, lat] or None
        ``None`` when the drawing is missing or of another type.
    """
    if not isinstance(drawing, dict):
        return None
    geometry = drawing.get("geometry") or {}
    expected = "Point" if kind == "point" else "LineString"
    if geometry.get("type") != expected:
        return None
    coords: Any = geometry.get("coordinates")
    try:
        pairs = [[float(coords[0]), float(coords[1])]] if kind == "point" else \
            [[float(c[0]), float(c[1])] for c in coords]
    except (TypeError, ValueError, IndexError):
        return None
    return pairs
