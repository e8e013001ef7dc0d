"""Private: the web map's symbology (:mod:`geo.symbology`) as classes a desktop GIS can draw.

:func:`layer_style` turns one layer into a :class:`LayerStyle`: a list of
rules (a QGIS expression, a bilingual legend label, a symbol), each symbol
taken from :func:`geo.symbology.feature_style` for a representative feature of
its class, so that QGIS (through :mod:`geo.export._qml`) and SLD readers
(:mod:`geo.export._sld`) draw what the web map draws:

* corridors: one rule per mode (colour) with one child per status (dash);
* tourism routes: one rule per theme; their stops by theme;
* logistics parks, projects: one rule per kind;
* townships: one rule per province, then one child per precision (the
  legend's key to the precision symbols);
* every point's precision by its symbol: filled at a site, pale with a dashed
  ring at a township seat, hollow dotted ring at a county seat;
* polygons (county boundaries) as outlines, no fill.

Only classes present in the layer are listed (the legend shows what the map
holds), followed by an ``ELSE`` rule so that no feature is ever left undrawn.
Labels: the Chinese ``name`` of townships, logistics parks, routes and counties.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal

from geopandas import GeoDataFrame

from geo.config import (
    BOUNDARY_KINDS,
    FIELD_LABELS,
    LAYERS,
    LOGISTICS_KINDS,
    MODES,
    PRECISIONS,
    PROJECT_KINDS,
    PROVINCES,
    STATUSES,
    THEMES,
)
from geo.export._dictionary import coded_values
from geo.symbology import FALLBACK_COLOUR, feature_style, point_style

GeometryKind = Literal["point", "line", "polygon"]

#: Millimetres per CSS pixel (96 dpi): the web map's sizes are pixels, prints are millimetres.
MM_PER_PX: Final[float] = 25.4 / 96

#: Font of the labels: Noto Sans CJK (Debian fonts-noto-cjk) draws the Chinese names.
LABEL_FONT: Final[str] = "Noto Sans CJK SC"

#: Layers labelled with their ``name``, and the label size in points.
LABELLED_LAYERS: Final[dict[str, float]] = {
    "boundaries": 10.0, "townships": 8.0, "logistics_parks": 7.5, "tourism_routes": 8.0,
}

_LINE_LAYERS: Final[frozenset[str]] = frozenset(
    {"corridors", "tourism_routes", "cooperation_links", "province_border"})
_POLYGON_LAYERS: Final[frozenset[str]] = frozenset({"boundaries"})


@dataclass(frozen=True)
class Symbol:
    """A symbol in web-map units (pixels) and ``#rrggbb`` colours.

    Attributes
    ----------
    geometry : {"point", "line", "polygon"}
        What it draws.
    colour : str
        Line or ring colour.
    opacity : float
        Line or ring opacity (0-1).
    width_px : float
        Line or ring width.
    dash_px : tuple of float
        Dash pattern (dash, gap, ...), empty for a solid line.
    fill_colour : str
        Fill colour (points).
    fill_opacity : float
        Fill opacity; 0 for hollow points and polygon outlines.
    radius_px : float
        Circle radius (points).
    by_precision : tuple of PrecisionLook
        For points: the look of each precision class (fill opacity, ring dash,
        ring width), applied per feature from its ``precision`` field, so that
        one legend class per kind serves every precision.
    """

    geometry: GeometryKind
    colour: str
    opacity: float = 1.0
    width_px: float = 1.0
    dash_px: tuple[float, ...] = ()
    fill_colour: str = "#ffffff"
    fill_opacity: float = 0.0
    radius_px: float = 0.0
    by_precision: tuple[PrecisionLook, ...] = ()


@dataclass(frozen=True)
class PrecisionLook:
    """How a point of one precision class is drawn (from :data:`geo.symbology.PRECISION_SYMBOL`)."""

    precision: str
    fill_opacity: float
    dash_px: tuple[float, ...]
    width_px: float


@dataclass(frozen=True)
class StyleRule:
    """One legend class: what it matches, its label, and a symbol or child rules.

    Attributes
    ----------
    label : str
        Bilingual legend label.
    match : tuple of (str, str)
        ``(field, value)`` equalities the feature must meet (on top of its parents'); empty for all.
    symbol : Symbol or None
        The symbol of a drawing rule; ``None`` for a parent of child rules.
    children : tuple of StyleRule
        Sub-classes.
    is_else : bool
        Matches what no other rule matched (QGIS ``ELSE``; SLD ``ElseFilter``).
    """

    label: str
    match: tuple[tuple[str, str], ...] = ()
    symbol: Symbol | None = None
    children: tuple[StyleRule, ...] = ()
    is_else: bool = False

    @property
    def expression(self) -> str | None:
        """The QGIS filter expression of this rule alone (``None`` for all, ``ELSE``)."""
        if self.is_else:
            return "ELSE"
        return " AND ".join(equals(column, value) for column, value in self.match) or None

    def leaves(self) -> list[StyleRule]:
        """The rules that draw (themselves, or their children's leaves)."""
        return [self] if not self.children else [leaf for child in self.children for leaf in child.leaves()]


@dataclass(frozen=True)
class LayerStyle:
    """The style of a layer: rules, label field, field aliases and value maps."""

    layer: str
    title: str
    geometry: GeometryKind
    rules: tuple[StyleRule, ...]
    label_field: str | None = None
    label_size: float = 8.0
    aliases: dict[str, str] = field(default_factory=dict)
    value_maps: dict[str, dict[str, str]] = field(default_factory=dict)


def quote_field(name: str) -> str:
    """A field name quoted for a QGIS expression (``"mode"``)."""
    return '"' + name.replace('"', '""') + '"'


def quote_value(value: str) -> str:
    """A string literal for a QGIS expression (``'expressway'``)."""
    return "'" + value.replace("'", "''") + "'"


def equals(column: str, value: str) -> str:
    """The expression ``"column" = 'value'``."""
    return f"{quote_field(column)} = {quote_value(value)}"


def bilingual(entry: tuple[str, ...] | None, code: str) -> str:
    """``中文 English`` of a vocabulary entry, or the bare code when unknown."""
    return f"{entry[0]} {entry[1]}" if entry else code


def geometry_kind(layer: str, frame: GeoDataFrame) -> GeometryKind:
    """Point, line or polygon: by layer name, else by the frame's first geometry."""
    if layer in _POLYGON_LAYERS:
        return "polygon"
    if layer in _LINE_LAYERS:
        return "line"
    if layer in LAYERS:
        return "point"
    types = [str(t) for t in frame.geom_type.dropna().unique()]
    first = types[0] if types else "Point"
    return "polygon" if "Polygon" in first else "line" if "LineString" in first else "point"


def _dash(pattern: object) -> tuple[float, ...]:
    return tuple(float(part) for part in str(pattern).split()) if pattern else ()


def symbol_from_web(style: Mapping[str, Any], geometry: GeometryKind) -> Symbol:
    """The desktop symbol of a Leaflet path style of :func:`geo.symbology.feature_style`."""
    colour = str(style.get("color", FALLBACK_COLOUR))
    fill_opacity = float(style.get("fillOpacity", 0.0)) if style.get("fill", False) else 0.0
    if geometry == "polygon":
        fill_opacity = 0.0  # outlines only: a filled county hides everything under it
    return Symbol(
        geometry=geometry, colour=colour, opacity=float(style.get("opacity", 1.0)),
        width_px=float(style.get("weight", 1.0)), dash_px=_dash(style.get("dashArray")),
        fill_colour=str(style.get("fillColor", colour)), fill_opacity=fill_opacity,
        radius_px=float(style.get("radius", 0.0)),
    )


def _present(frame: GeoDataFrame, column: str, order: Mapping[str, object]) -> list[str]:
    """Values of ``column`` present in the frame, in vocabulary order (unknown ones last)."""
    if column not in frame:
        return []
    values = {str(v) for v in frame[column].dropna().unique()}
    return [code for code in order if code in values] + sorted(values - set(order))


def _rule(layer: str, geometry: GeometryKind, label: str, match: tuple[tuple[str, str], ...],
          properties: Mapping[str, Any]) -> StyleRule:
    route_themes = {str(properties.get("route_id")): str(properties.get("theme"))}
    style = feature_style(layer, properties, route_themes)
    return StyleRule(label, match, symbol_from_web(style, geometry))


def precision_looks() -> tuple[PrecisionLook, ...]:
    """The web map's point look of every precision class."""
    looks = []
    for precision in PRECISIONS:
        style = point_style(FALLBACK_COLOUR, precision)
        looks.append(PrecisionLook(precision, float(style["fillOpacity"]), _dash(style.get("dashArray")),
                                   float(style["weight"])))
    return tuple(looks)


def _by_kind(layer: str, geometry: GeometryKind, frame: GeoDataFrame, column: str,
             vocabulary: Mapping[str, tuple[str, ...]]) -> list[StyleRule]:
    """Points: one rule per ``column`` value present; precision drawn per feature (see :class:`Symbol`)."""
    rules = []
    for code in _present(frame, column, vocabulary):
        rule = _rule(layer, geometry, bilingual(vocabulary.get(code), code), ((column, code),),
                     {column: code, "precision": "site", "route_id": "r", "theme": code})
        assert rule.symbol is not None
        rules.append(replace(rule, symbol=replace(rule.symbol, by_precision=precision_looks())))
    return rules


def _nested(layer: str, geometry: GeometryKind, frame: GeoDataFrame, outer: str,
            vocabulary: Mapping[str, tuple[str, ...]], inner: str,
            inner_vocabulary: Mapping[str, tuple[str, ...]]) -> list[StyleRule]:
    """One rule per ``outer`` value present, with one child per ``inner`` value present in it."""
    rules: list[StyleRule] = []
    for code in _present(frame, outer, vocabulary):
        part = frame[frame[outer].astype(str) == code]
        children = tuple(
            _rule(layer, geometry, bilingual(inner_vocabulary.get(sub), sub), ((inner, sub),),
                  {outer: code, inner: sub, "route_id": "r", "theme": code})
            for sub in _present(part, inner, inner_vocabulary)
        ) or (_rule(layer, geometry, bilingual(vocabulary.get(code), code), (), {outer: code}),)
        rules.append(StyleRule(bilingual(vocabulary.get(code), code), ((outer, code),), None, children))
    return rules


def _rules(layer: str, geometry: GeometryKind, frame: GeoDataFrame) -> list[StyleRule]:
    title = bilingual(LAYERS.get(layer), layer)
    provinces = {name: (name, english) for name, english in PROVINCES.items()}
    if layer == "corridors":
        return _nested(layer, geometry, frame, "mode", MODES, "status", STATUSES)
    if layer == "tourism_routes":
        return [_rule(layer, geometry, bilingual(THEMES.get(code), code), (("theme", code),), {"theme": code})
                for code in _present(frame, "theme", THEMES)]
    if layer == "tourism_stops":
        return _by_kind(layer, geometry, frame, "theme", THEMES)
    if layer in ("logistics_parks", "projects"):
        kinds = LOGISTICS_KINDS if layer == "logistics_parks" else PROJECT_KINDS
        return _by_kind(layer, geometry, frame, "kind", kinds)
    if layer == "townships":  # the precision key of the legend: each precision's symbol shown
        return _nested(layer, geometry, frame, "province", provinces, "precision", PRECISIONS)
    if layer == "boundaries":
        return [_rule(layer, geometry, bilingual(BOUNDARY_KINDS.get(kind), kind), (("kind", kind),), {"kind": kind})
                for kind in _present(frame, "kind", BOUNDARY_KINDS)] or [_rule(layer, geometry, title, (), {})]
    return [_rule(layer, geometry, title, (), {"precision": "site"})]


def value_maps(layer: str, columns: list[str]) -> dict[str, dict[str, str]]:
    """Coded fields of a layer: field -> {code: ``中文 English``}, from the data dictionary's vocabularies."""
    return {column: codes for column in columns if (codes := coded_values(layer, column))}


def field_aliases(columns: list[str]) -> dict[str, str]:
    """Field -> ``中文 English`` alias, for the fields :data:`geo.config.FIELD_LABELS` knows."""
    return {column: bilingual(FIELD_LABELS[column], column) for column in columns if column in FIELD_LABELS}


def layer_style(layer: str, frame: GeoDataFrame) -> LayerStyle:
    """The desktop style of one layer, from the web map's symbology.

    Parameters
    ----------
    layer : str
        Layer name (a key of :data:`geo.config.LAYERS`, or an upload's name).
    frame : GeoDataFrame
        The layer's features (the classes listed are those present).

    Returns
    -------
    LayerStyle
        Rules (with an ``ELSE`` rule last), label field, aliases and value maps.
    """
    geometry = geometry_kind(layer, frame)
    rules = _rules(layer, geometry, frame)
    fallback = StyleRule("其他 Other", symbol=symbol_from_web(feature_style("", {"precision": "site"}), geometry),
                         is_else=True)
    if geometry != "point":
        fallback = StyleRule("其他 Other", symbol=Symbol(geometry, FALLBACK_COLOUR, 0.9, 2.0), is_else=True)
    columns = [str(c) for c in frame.columns if c != frame.geometry.name]
    label_field = "name" if layer in LABELLED_LAYERS and "name" in columns else None
    return LayerStyle(
        layer=layer, title=bilingual(LAYERS.get(layer), layer), geometry=geometry,
        rules=(*rules, fallback), label_field=label_field, label_size=LABELLED_LAYERS.get(layer, 8.0),
        aliases=field_aliases(columns), value_maps=value_maps(layer, columns),
    )
