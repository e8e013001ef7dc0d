"""One symbology for every output: Leaflet path styles of every layer, derived from :mod:`geo.config`.

Rules, explained again by the legend:

* corridors: colour by ``mode``; line pattern by ``status`` (solid existing or
  upgraded, dashed under/start construction, dotted and faded for preliminary
  work, study and plans);
* tourism routes: colour by ``theme``, drawn as a wide pale band (:data:`ROUTE_BAND`) that no
  corridor shares, so a red route never reads as a red expressway; their stops take the colour
  of their route;
* logistics parks and projects: colour by ``kind``;
* townships: blue in Chongqing, red in Guizhou;
* every point: precision by symbol -- filled for ``site``, pale fill with a
  dashed ring for ``township``, hollow dotted ring for ``county``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from geo.config import (
    CONTEXT_LAYERS,
    LOGISTICS_KINDS,
    MODES,
    PROJECT_KINDS,
    STATUS_GROUPS,
    STATUSES,
    THEMES,
    status_group,
    status_group_members,
)

Style = dict[str, Any]

# --- view-only style constants -------------------------------------------------

#: Leaflet ``dashArray`` of each status pattern of :data:`geo.config.STATUSES`.
PATTERN_DASH: Final[dict[str, str | None]] = {"solid": None, "dashed": "10 6", "dotted": "2 6"}
#: Line opacity of each status pattern: early stages are faded as well as dotted.
PATTERN_OPACITY: Final[dict[str, float]] = {"solid": 0.95, "dashed": 0.9, "dotted": 0.6}

PROVINCE_COLOURS: Final[dict[str, str]] = {"重庆市": "#1565c0", "贵州省": "#c62828"}
FALLBACK_COLOUR: Final[str] = "#555555"
LINK_COLOUR: Final[str] = "#00838f"
BOUNDARY_COLOUR: Final[str] = "#7a7a7a"
BORDER_COLOUR: Final[str] = "#222222"
HALO_COLOUR: Final[str] = "#ffd600"
#: Colour of the distance circle drawn around a chosen township.
HALO_RADIUS_COLOUR: Final[str] = "#ff6f00"
#: Dash patterns of the lines without a status: cooperation links and the provincial border.
LINK_DASH: Final[str] = "6 5"
BORDER_DASH: Final[str] = "14 5 3 5"
#: Neutral colours of the legend swatches that show a pattern or a symbol, not a colour.
PATTERN_SWATCH_COLOUR: Final[str] = "#333333"
#: Colours of a user's upload: magenta, used by no layer of the plan.
UPLOAD_COLOUR: Final[str] = "#d81b60"
UPLOAD_FILL: Final[str] = "#f48fb1"
#: Map background where no tiles are drawn (the "none" basemap, tiles still loading).
PLAIN_BACKGROUND: Final[str] = "#eef1ea"
#: CSS class of the highlight paths (so that they are not counted as features).
HALO_CLASS: Final[str] = "yq-halo"

#: Line width (px) and opacity of a tourism route: a wide translucent band under the corridors' narrow lines.
ROUTE_BAND: Final[dict[str, float]] = {"weight": 11.0, "opacity": 0.3}
#: How a layer the filter does not narrow is drawn when it steps back pale (``geo.view``: ``mapread.js``
#: multiplies line and fill opacity by it and keeps lines at most ``weight`` px wide).
STEP_BACK_PALE: Final[dict[str, float]] = {"opacity": 0.25, "weight": 3.0}

#: Point symbol of each precision: fill opacity, ring dash pattern, ring weight.
PRECISION_SYMBOL: Final[dict[str, Style]] = {
    "site": {"fillOpacity": 0.9, "dashArray": None, "weight": 1.5},
    "township": {"fillOpacity": 0.2, "dashArray": "3 3", "weight": 2.5},
    "county": {"fillOpacity": 0.0, "dashArray": "1 3", "weight": 2.5},
    "schematic": {"fillOpacity": 0.2, "dashArray": "3 3", "weight": 2.5},
}

#: Radius in pixels of the circle markers of each point layer.
POINT_RADIUS: Final[dict[str, int]] = {
    "townships": 7, "tourism_stops": 5, "logistics_parks": 7, "projects": 6,
}


def _colour(vocabulary: Mapping[str, tuple[str, str, str]], code: object) -> str:
    entry = vocabulary.get(str(code))
    return entry[2] if entry else FALLBACK_COLOUR


def status_pattern(status: object) -> str:
    """Line pattern (``solid``, ``dashed`` or ``dotted``) of a status code.

    Parameters
    ----------
    status : object
        A key of :data:`geo.config.STATUSES`; unknown codes are drawn dotted.

    Returns
    -------
    str
        The pattern name.
    """
    entry = STATUSES.get(str(status))
    return entry[2] if entry else "dotted"


def status_group_label(group: str, lang: str) -> str:
    """A status group with the plan's words it holds: ``在建类（在建、推进开工建设）``, ``Building (...)``."""
    zh, en, _ = STATUS_GROUPS[group]
    members = status_group_members(group)
    if lang == "zh":
        return f"{zh}（{'、'.join(STATUSES[m][0] for m in members)}）"
    return f"{en} ({', '.join(STATUSES[m][1].lower() for m in members)})"


def status_group_rows(corridors: Any, lang: str, present: Any = None) -> list[tuple[str, str, int]]:
    """The legend's status rows: one per line pattern, counting the corridors drawn with it.

    Only corridors are drawn as lines with a status pattern (parks and projects
    are points), so only they are counted: the viewer's legend, the printed
    legend and the map agree.

    Parameters
    ----------
    corridors : pandas.DataFrame or None
        The corridors counted (the filtered ones).
    lang : {"zh", "en"}
        Language of the labels.
    present : pandas.DataFrame, optional
        The corridors whose groups are listed (all of them); default ``corridors``.

    Returns
    -------
    list of (label, pattern, count)
        In the order of :data:`geo.config.STATUS_GROUPS`.
    """
    def groups(frame: Any) -> dict[str, int]:
        found: dict[str, int] = {}
        if frame is not None and "status" in getattr(frame, "columns", ()):
            for value in frame["status"].tolist():
                group = status_group(value)
                found[group] = found.get(group, 0) + 1
        return found

    listed, counted = groups(corridors if present is None else present), groups(corridors)
    return [(status_group_label(code, lang), pattern, counted.get(code, 0))
            for code, (_, _, pattern) in STATUS_GROUPS.items() if code in listed]


def line_style(colour: str, pattern: str = "solid", weight: float = 4.0) -> Style:
    """Leaflet style of a line drawn in ``colour`` with a status ``pattern``.

    Parameters
    ----------
    colour : str
        CSS colour.
    pattern : {"solid", "dashed", "dotted"}
        Line pattern.
    weight : float
        Line width in pixels.

    Returns
    -------
    dict
        Leaflet path options.
    """
    return {"color": colour, "weight": weight, "opacity": PATTERN_OPACITY.get(pattern, 0.9),
            "dashArray": PATTERN_DASH.get(pattern), "lineCap": "round", "fill": False}


def route_style(colour: str) -> Style:
    """Leaflet style of a tourism route: a wide translucent band (:data:`ROUTE_BAND`), never a corridor's line.

    Parameters
    ----------
    colour : str
        CSS colour of the route's theme.

    Returns
    -------
    dict
        Leaflet path options.
    """
    return {**line_style(colour, "solid", ROUTE_BAND["weight"]), "opacity": ROUTE_BAND["opacity"],
            "lineJoin": "round"}


def point_style(colour: str, precision: object, radius: int = 6) -> Style:
    """Leaflet circle-marker style of a point of a given precision.

    Parameters
    ----------
    colour : str
        CSS colour of ring and fill.
    precision : object
        A key of :data:`geo.config.PRECISIONS`.
    radius : int
        Radius in pixels.

    Returns
    -------
    dict
        Leaflet path options (``radius`` included).
    """
    symbol = PRECISION_SYMBOL.get(str(precision), PRECISION_SYMBOL["county"])
    return {"color": colour, "fillColor": colour, "fill": True, "radius": radius, "opacity": 1.0,
            **symbol}


def feature_style(layer: str, properties: Mapping[str, Any],
                  route_themes: Mapping[str, str] | None = None) -> Style:
    """Style of one feature of a layer.

    Parameters
    ----------
    layer : str
        Layer name (a key of :data:`geo.config.LAYERS`).
    properties : mapping
        The feature's properties.
    route_themes : mapping of str to str, optional
        ``route_id`` -> theme code, to colour tourism stops like their route.

    Returns
    -------
    dict
        Leaflet path options.
    """
    precision = properties.get("precision", "site")
    if layer == "corridors":
        return line_style(_colour(MODES, properties.get("mode")), status_pattern(properties.get("status")), 4.0)
    if layer == "tourism_routes":
        return route_style(_colour(THEMES, properties.get("theme")))
    if layer == "cooperation_links":
        return {**line_style(LINK_COLOUR, "solid", 2.5), "dashArray": LINK_DASH}
    if layer in CONTEXT_LAYERS:
        if layer == "province_border" or properties.get("kind") == "province_border":
            return {**line_style(BORDER_COLOUR, "solid", 3.0), "dashArray": BORDER_DASH}
        return {"color": BOUNDARY_COLOUR, "weight": 1.2, "opacity": 0.8, "fill": True,
                "fillColor": "#ffffff", "fillOpacity": 0.04, "dashArray": None}
    radius = POINT_RADIUS.get(layer, 6)
    if layer == "townships":
        province = str(properties.get("province", ""))
        return point_style(PROVINCE_COLOURS.get(province, FALLBACK_COLOUR), precision, radius)
    if layer == "tourism_stops":
        theme = (route_themes or {}).get(str(properties.get("route_id")), "")
        return point_style(_colour(THEMES, theme), precision, radius)
    if layer == "logistics_parks":
        return point_style(_colour(LOGISTICS_KINDS, properties.get("kind")), precision, radius)
    if layer == "projects":
        return point_style(_colour(PROJECT_KINDS, properties.get("kind")), precision, radius)
    return point_style(FALLBACK_COLOUR, precision, radius)


def halo_line_style() -> Style:
    """Style of the wide highlight drawn under a selected line."""
    return {"color": HALO_COLOUR, "weight": 12, "opacity": 0.7, "lineCap": "round", "fill": False,
            "className": HALO_CLASS}


def halo_point_style(radius: int = 14) -> Style:
    """Style of the ring drawn around a selected point."""
    return {"color": HALO_COLOUR, "weight": 4, "opacity": 1.0, "fill": True, "fillColor": HALO_COLOUR,
            "fillOpacity": 0.25, "radius": radius, "className": HALO_CLASS}


def upload_style(kind: str) -> Style:
    """Leaflet style of a feature of a user's upload, by geometry kind (``point``, ``line``, ``polygon``)."""
    if kind == "point":
        return {"color": UPLOAD_COLOUR, "weight": 2, "fill": True, "fillColor": UPLOAD_FILL, "fillOpacity": 0.9,
                "radius": 7}
    if kind == "line":
        return {"color": UPLOAD_COLOUR, "weight": 4, "opacity": 0.9, "dashArray": "10 5"}
    return {"color": UPLOAD_COLOUR, "weight": 2, "fill": True, "fillColor": UPLOAD_FILL, "fillOpacity": 0.2}


#: Colour and CSS class of the ring around a feature whose status or place changed since the plan.
CHANGED_COLOUR: Final[str] = "#d500f9"
CHANGED_CLASS: Final[str] = "yq-halo yq-changed"


def changed_line_style() -> Style:
    """Style of the band drawn under a line changed since the plan (edited by a signed-in editor)."""
    return {"color": CHANGED_COLOUR, "weight": 10, "opacity": 0.45, "dashArray": "2 8", "lineCap": "round",
            "fill": False, "className": CHANGED_CLASS}


def changed_point_style(radius: int = 12) -> Style:
    """Style of the ring drawn around a point changed since the plan."""
    return {"color": CHANGED_COLOUR, "weight": 3, "opacity": 0.9, "dashArray": "4 3", "fill": False,
            "radius": radius, "className": CHANGED_CLASS}


#: Colour of each ``change`` of a scanned document's features (:data:`geo.config.SCAN_CHANGES`):
#: vermillion and blue of the Okabe–Ito palette (told apart with colour-blindness) for what needs a
#: look, grey for what the map already says.
SCAN_COLOURS: Final[dict[str, str]] = {"new": "#d55e00", "status_changed": "#0072b2", "same": "#8a8a8a"}
#: Outline of a scanned point, so that it stands out on the plan's own colours.
SCAN_OUTLINE: Final[str] = "#1a1a1a"


def scan_style(change: str, kind: str) -> Style:
    """Leaflet style of a feature found by the document scanner, by ``change`` and geometry kind.

    Points are discs ringed in dark grey; lines are dashed (a scanned corridor is schematic or a
    record's own line, drawn over the plan's line of the same feature).
    """
    colour = SCAN_COLOURS.get(change, FALLBACK_COLOUR)
    if kind == "point":
        return {"color": SCAN_OUTLINE, "weight": 1.5, "fill": True, "fillColor": colour, "fillOpacity": 0.95,
                "radius": 7}
    if kind == "line":
        return {"color": colour, "weight": 5, "opacity": 0.9, "dashArray": "8 6"}
    return {"color": colour, "weight": 2, "fill": True, "fillColor": colour, "fillOpacity": 0.2}
