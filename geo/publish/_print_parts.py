"""Plumbing of :mod:`geo.publish._printmap`: Leaflet styles as matplotlib styles, scale bar, north arrow, legend.

The web map's styles (:func:`geo.symbology.feature_style`) are in screen
pixels and SVG dash arrays; here they become points and matplotlib dash
patterns, so that a printed map shows the same colours, widths, patterns and
precision symbols as the viewer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon as PolygonPatch
from matplotlib.patches import Rectangle

#: Points per screen pixel of a Leaflet style: a printed map is denser than a screen.
PT_PER_PX: Final[float] = 0.45
#: Nice scale-bar lengths, km.
_NICE_KM: Final[tuple[float, ...]] = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)


def dash_pattern(dash: str | None, weight_px: float) -> Any:
    """Matplotlib line style of an SVG ``dashArray`` drawn at ``weight_px``.

    Matplotlib scales dash lengths by the line width, so the SVG lengths
    (pixels) are divided by the width in pixels: the pattern keeps its
    proportions to the line, as on screen.

    Parameters
    ----------
    dash : str or None
        SVG dash array such as ``"10 6"``; ``None`` for a solid line.
    weight_px : float
        Line width in pixels.

    Returns
    -------
    str or tuple
        ``"solid"`` or ``(0, (on, off, ...))``.
    """
    if not dash:
        return "solid"
    lengths = [float(part) for part in dash.replace(",", " ").split()]
    scale = max(weight_px, 0.5)
    return (0, tuple(max(length, 0.1) / scale for length in lengths))


def line_kwargs(style: Mapping[str, Any], collection: bool = True) -> dict[str, Any]:
    """Matplotlib keyword arguments of a Leaflet line or polygon-outline style.

    ``collection`` gives the names a ``LineCollection`` (what geopandas draws)
    takes; otherwise those of a single ``Line2D``.
    """
    weight = float(style.get("weight", 3.0))
    cap = "round" if style.get("lineCap") == "round" and not style.get("dashArray") else "butt"
    caps = {"capstyle": cap} if collection else {"solid_capstyle": cap, "dash_capstyle": "butt"}
    return {
        "color": to_rgba(style.get("color", "#555555"), float(style.get("opacity", 1.0))),
        "linewidth": weight * PT_PER_PX,
        "linestyle": dash_pattern(style.get("dashArray"), weight),
        **caps,
    }


def point_kwargs(style: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments of ``Axes.scatter`` for a Leaflet circle-marker style.

    The radius (pixels) becomes the marker area in points squared; the ring
    keeps its dash pattern, so hollow and dashed symbols of seat-only
    precision print as they show on screen.
    """
    weight = float(style.get("weight", 1.5))
    diameter_pt = 2.0 * float(style.get("radius", 6)) * PT_PER_PX
    colour = style.get("color", "#555555")
    return {
        "s": diameter_pt ** 2,
        "facecolors": [to_rgba(style.get("fillColor", colour), float(style.get("fillOpacity", 0.2)))],
        "edgecolors": [to_rgba(colour, float(style.get("opacity", 1.0)))],
        "linewidths": weight * PT_PER_PX,
        "linestyles": dash_pattern(style.get("dashArray"), weight),
    }


def style_key(style: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """A hashable key of a style, to draw the features sharing one style in one call."""
    return tuple(sorted((k, repr(v)) for k, v in style.items()))


def draw_graticule(ax: Axes, crs: str) -> None:
    """Faint meridians and parallels at a round step, labelled in degrees on the frame's bottom and left.

    The lines are made in lon/lat and projected (meridians lean slightly away
    from the central one); labels go where they cross the frame.
    """
    from pyproj import Transformer
    from shapely.geometry import LineString

    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    inverse = Transformer.from_crs(crs, 4326, always_xy=True)
    forward = Transformer.from_crs(4326, crs, always_xy=True)
    lons, lats = inverse.transform([x0, x1, x0, x1], [y0, y0, y1, y1])
    span = max(max(lons) - min(lons), max(lats) - min(lats))
    step = min((0.1, 0.2, 0.25, 0.5, 1.0, 2.0), key=lambda d: abs(span / d - 5))
    bottom = LineString([(x0, y0), (x1, y0)])
    left = LineString([(x0, y0), (x0, y1)])

    def faint(xs: Sequence[float], ys: Sequence[float]) -> None:
        ax.plot(xs, ys, color="#9aa39a", linewidth=0.35, linestyle=(0, (2, 3)), zorder=1.2)

    lon = math.floor(min(lons) / step) * step
    while lon <= max(lons) + step:
        lat_range = [min(lats) - step + i * (max(lats) - min(lats) + 2 * step) / 40 for i in range(41)]
        xs, ys = forward.transform([lon] * len(lat_range), lat_range)
        faint(xs, ys)
        crossing = LineString(list(zip(xs, ys, strict=True))).intersection(bottom)
        if not crossing.is_empty and x0 < crossing.centroid.x < x1:
            ax.text(crossing.centroid.x, y0, f"{lon:.2f}".rstrip("0").rstrip(".") + "°E", ha="center", va="top",
                    fontsize=6, color="#555555", clip_on=False)
        lon += step
    lat = math.floor(min(lats) / step) * step
    while lat <= max(lats) + step:
        lon_range = [min(lons) - step + i * (max(lons) - min(lons) + 2 * step) / 40 for i in range(41)]
        xs, ys = forward.transform(lon_range, [lat] * len(lon_range))
        faint(xs, ys)
        crossing = LineString(list(zip(xs, ys, strict=True))).intersection(left)
        if not crossing.is_empty and y0 < crossing.centroid.y < y1:
            ax.text(x0, crossing.centroid.y, f"{lat:.2f}".rstrip("0").rstrip(".") + "°N", ha="right", va="center",
                    rotation=90, fontsize=6, color="#555555", clip_on=False)
        lat += step
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)


def nice_scale_km(width_m: float) -> float:
    """A round scale-bar length close to a fifth of the map width, km."""
    target = max(width_m / 5000.0, 0.5)
    return min(_NICE_KM, key=lambda km: abs(math.log(km / target)))


def draw_scale_bar(ax: Axes, km: float, label_unit: str = "km") -> None:
    """Draw a four-part black-and-white scale bar in the lower left of a metric map.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        A map in a metric projection (metres).
    km : float
        Length of the bar.
    label_unit : str
        Unit written after the last number.
    """
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    left, bottom = x0 + (x1 - x0) * 0.04, y0 + (y1 - y0) * 0.05
    height = (y1 - y0) * 0.008
    part = km * 1000.0 / 4
    ax.add_patch(Rectangle((left - part * 0.15, bottom - height * 2.2), part * 4.3, height * 6.2,
                           facecolor=(1, 1, 1, 0.75), edgecolor="none", zorder=20))
    for i in range(4):
        ax.add_patch(Rectangle((left + i * part, bottom), part, height, facecolor="black" if i % 2 == 0 else "white",
                               edgecolor="black", linewidth=0.5, zorder=21))
    for i, value in ((0, 0.0), (2, km / 2), (4, km)):
        text = f"{value:g}" + (f" {label_unit}" if i == 4 else "")
        ax.text(left + i * part, bottom + height * 1.6, text, ha="center", va="bottom", fontsize=6.5, zorder=21)


def draw_north_arrow(ax: Axes, label: str = "N") -> None:
    """Draw a north arrow in the upper right of a map whose y axis points to true north."""
    ax.add_patch(PolygonPatch([(0.955, 0.955), (0.94, 0.89), (0.955, 0.905)], closed=True,
                              transform=ax.transAxes, facecolor="black", edgecolor="black", linewidth=0.6, zorder=21))
    ax.add_patch(PolygonPatch([(0.955, 0.955), (0.97, 0.89), (0.955, 0.905)], closed=True,
                              transform=ax.transAxes, facecolor="white", edgecolor="black", linewidth=0.6, zorder=21))
    ax.text(0.955, 0.962, label, transform=ax.transAxes, ha="center", va="bottom", fontsize=9,
            fontweight="bold", zorder=21)


@dataclass(frozen=True)
class LegendRow:
    """One legend row: a section title (no swatch) or a swatch with its label.

    Attributes
    ----------
    label : str
        Plain text.
    kind : {"title", "subtitle", "line", "point", "polygon"}
        What the swatch is.
    style : mapping
        The Leaflet style the swatch shows (empty for titles).
    """

    label: str
    kind: str = "title"
    style: Mapping[str, Any] | None = None


def draw_legend(ax: Axes, rows: Sequence[LegendRow], title: str, fontsize: float = 6.5) -> None:
    """Draw legend rows into an empty axes, in as many columns as they need.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        An axes used only for the legend (its frame is kept as a box).
    rows : sequence of LegendRow
        Titles and entries, in order.
    title : str
        The legend's heading (e.g. ``图例 Legend``).
    fontsize : float
        Size of the entries, points.
    """
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_linewidth(0.6)
    figure = ax.get_figure(root=True)
    assert figure is not None
    height_pt = ax.get_position().height * figure.get_figheight() * 72.0
    row_pt = fontsize * 1.55
    top = 1.0 - 2.6 * row_pt / height_pt
    per_column = max(1, int((top - 0.01) * height_pt / row_pt))
    columns = max(1, math.ceil(len(rows) / per_column))
    ax.text(0.04, 1.0 - 1.2 * row_pt / height_pt, title, ha="left", va="center", fontsize=fontsize + 3,
            fontweight="bold")
    width = 0.96 / columns
    for i, row in enumerate(rows):
        column, line = divmod(i, per_column)
        x = 0.04 + column * width
        y = top - line * row_pt / height_pt
        if row.kind == "title":
            ax.text(x, y, row.label, ha="left", va="center", fontsize=fontsize, fontweight="bold")
            continue
        if row.kind == "subtitle":
            ax.text(x, y, row.label, ha="left", va="center", fontsize=fontsize - 0.5, color="#555555")
            continue
        swatch_w = min(0.09, width * 0.25)
        style = row.style or {}
        if row.kind == "line":
            ax.add_line(Line2D([x, x + swatch_w], [y, y], **line_kwargs(style, collection=False)))
        elif row.kind == "polygon":
            ax.add_patch(Rectangle((x, y - row_pt * 0.3 / height_pt), swatch_w, row_pt * 0.6 / height_pt,
                                   facecolor=to_rgba(style.get("fillColor", "#ffffff"), 0.3),
                                   edgecolor=style.get("color", "#7a7a7a"), linewidth=0.8))
        else:
            ax.scatter([x + swatch_w / 2], [y], **point_kwargs(style))
        ax.text(x + swatch_w + 0.015, y, row.label, ha="left", va="center", fontsize=fontsize)
