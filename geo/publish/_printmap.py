"""Printed map: the plan's map as a PNG or PDF for a report or a slide (``python -m geo print``).

The map is drawn with matplotlib and geopandas, without tiles, from the same
symbology as the web map (:func:`geo.symbology.feature_style`: colours, widths,
dash patterns by mode, status, theme and kind; hollow or dashed rings for
features placed only at a township or county seat), with county and township
names, a legend of the classes drawn (with their counts), a scale bar, a north
arrow, the sources and licences of the data (:mod:`geo.credits`) and a note on
what the positions mean.  Chinese text uses Noto Sans CJK SC and is kept as
text in a PDF (subset Type 3 fonts with a Unicode map: matplotlib's Type 42
embedding of the CFF-flavoured Noto CJK gives a font file that does not match
its declared type), so it can be searched and copied.

The map is in a transverse Mercator projection centred on the printed area
(WGS 84), so the scale bar is true across the map and north is up.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Final

import geopandas as gpd
import matplotlib
import shapely
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from geo._errors import ExportError
from geo.config import LAYERS, PAPER_SIZES
from geo.filters import CONTEXT_LAYERS
from geo.publish._legend_rows import POINT_LAYERS, both, draw_footer, legend_rows
from geo.publish._print_parts import (
    draw_graticule,
    draw_legend,
    draw_north_arrow,
    draw_scale_bar,
    line_kwargs,
    nice_scale_km,
    point_kwargs,
    style_key,
)
from geo.symbology import feature_style
from geo.view.i18n import Language, text

#: Output formats by file suffix.
PRINT_FORMATS: Final[dict[str, str]] = {".png": "png", ".pdf": "pdf"}
#: Chinese fonts looked for, in order (Debian: fonts-noto-cjk); DejaVu Sans (matplotlib's own) follows.
CHINESE_FONTS: Final[tuple[str, ...]] = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei")
#: Background of the map frame: the viewer's plain (no tiles) background.
MAP_BACKGROUND: Final[str] = "#eef1ea"
PNG_DPI: Final[int] = 200
_DRAWING: Final[threading.Lock] = threading.Lock()


def font_family() -> list[str]:
    """The installed Chinese font, then DejaVu Sans.

    Raises
    ------
    ExportError
        When no Chinese font is installed (the names would print as empty boxes).
    """
    from matplotlib import font_manager

    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    for name in CHINESE_FONTS:
        if name in installed:
            return [name, "DejaVu Sans"]
    raise ExportError(f"no Chinese font found (looked for {', '.join(CHINESE_FONTS)}): "
                      "install Debian's fonts-noto-cjk")


@contextlib.contextmanager
def _print_style() -> Iterator[None]:
    """Matplotlib settings of the printed map (fonts, PDF font type), undone afterwards."""
    with matplotlib.rc_context():
        params = matplotlib.rcParams
        params["font.family"] = font_family()
        params["pdf.fonttype"] = 3  # see the module docstring
        params["ps.fonttype"] = 3
        params["svg.fonttype"] = "none"
        params["axes.unicode_minus"] = False
        yield


def route_themes_of(routes: gpd.GeoDataFrame | None) -> dict[str, str]:
    """``route_id`` -> theme code of the tourism routes (the colour of their stops)."""
    if routes is None or "theme" not in routes.columns:
        return {}
    column = "route_id" if "route_id" in routes.columns else "id"
    return dict(zip(routes[column].astype(str), routes["theme"].astype(str), strict=True))


def map_extent(layers: Mapping[str, gpd.GeoDataFrame]) -> tuple[float, float, float, float]:
    """Lon/lat bounds printed by default: the points drawn, else the lines within the counties.

    Long corridors run far beyond the pilot zone (to Chengdu, Guiyang...), so
    the points (townships, stops, parks, projects) set the extent when there
    are any; lines alone are cut to the bounds of the county polygons when
    those are drawn; context alone shows the counties.  The bounds are padded.

    Raises
    ------
    ExportError
        When no layer has a feature.
    """
    def union(frames: list[gpd.GeoDataFrame]) -> tuple[float, float, float, float] | None:
        bounds = [f.total_bounds for f in frames if len(f)]
        if not bounds:
            return None
        return (min(b[0] for b in bounds), min(b[1] for b in bounds), max(b[2] for b in bounds),
                max(b[3] for b in bounds))

    points = union([f for n, f in layers.items() if n in POINT_LAYERS])
    lines = union([f for n, f in layers.items() if n not in CONTEXT_LAYERS and n not in POINT_LAYERS])
    context = union([f for n, f in layers.items() if n in CONTEXT_LAYERS])
    chosen = points or lines
    if points is None and lines is not None and context is not None:
        cut = (max(lines[0], context[0]), max(lines[1], context[1]), min(lines[2], context[2]),
               min(lines[3], context[3]))
        chosen = cut if cut[0] < cut[2] and cut[1] < cut[3] else lines
    chosen = chosen or context
    if chosen is None:
        raise ExportError("nothing to print: the selection has no feature (widen the filters or --layer)")
    pad_x = max((chosen[2] - chosen[0]) * 0.06, 0.02)
    pad_y = max((chosen[3] - chosen[1]) * 0.06, 0.02)
    return chosen[0] - pad_x, chosen[1] - pad_y, chosen[2] + pad_x, chosen[3] + pad_y


def _projection(extent: Sequence[float]) -> str:
    lon0 = round((extent[0] + extent[2]) / 2, 2)
    return f"+proj=tmerc +lat_0=0 +lon_0={lon0} +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"


def _draw_layers(ax: Axes, projected: Mapping[str, gpd.GeoDataFrame],
                 route_themes: Mapping[str, str]) -> None:
    for order, (layer, frame) in enumerate(projected.items()):
        if not len(frame):
            continue
        records = frame.drop(columns=frame.geometry.name).to_dict("records")
        styles = [feature_style(layer, r, route_themes) for r in records]
        groups: dict[tuple, list[int]] = {}
        for i, style in enumerate(styles):
            groups.setdefault(style_key(style), []).append(i)
        for positions in groups.values():
            style = styles[positions[0]]
            part = frame.iloc[positions]
            part = part[part.geometry.notna() & ~part.geometry.is_empty]  # position unknown: not drawn
            if not len(part):
                continue
            geom_type = part.geometry.geom_type.iloc[0]
            zorder = 2 + order
            if geom_type in ("Point", "MultiPoint"):  # a MultiPoint: a symbol at each of its points
                xy = shapely.get_coordinates(part.geometry.to_numpy())
                ax.scatter(xy[:, 0], xy[:, 1], zorder=zorder, **point_kwargs(style))
            elif geom_type in ("Polygon", "MultiPolygon"):
                part.boundary.plot(ax=ax, zorder=zorder, **line_kwargs(style))
            else:
                part.plot(ax=ax, zorder=zorder, **line_kwargs(style))


def _draw_labels(ax: Axes, projected: Mapping[str, gpd.GeoDataFrame], lang: Language) -> None:
    column = "name" if lang == "zh" else "name_en"
    counties = projected.get("boundaries")
    if counties is not None and len(counties):
        names = counties.get(column, counties["name"])
        for point, name in zip(counties.geometry.representative_point(), names, strict=True):
            # area names large and pale, under the features (zorder 1.5: above the outlines only)
            ax.text(point.x, point.y, str(name), ha="center", va="center", fontsize=13 if lang == "zh" else 10,
                    color="#8a8a8a", fontweight="bold", zorder=1.5, clip_on=True, alpha=0.8)
    towns = projected.get("townships")
    if towns is None or not len(towns):
        return
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    inside = towns.cx[x0:x1, y0:y1]
    # a pale box, not a stroke effect, behind the names: path effects turn text into outlines in a PDF
    box = {"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.7}
    labels = [ax.text(point.x, point.y, str(name), fontsize=5.5, color="#222222", zorder=31, bbox=box,
                      ha="left", va="bottom", clip_on=True)
              for point, name in zip(inside.geometry, inside.get(column, inside["name"]), strict=True)]
    if len(labels) > 1:
        from adjustText import adjust_text

        # move the names off each other and off their points; a thin leader joins a moved name to its point
        adjust_text(labels, x=list(inside.geometry.x), y=list(inside.geometry.y), ax=ax, iter_lim=250,
                    expand=(1.1, 1.3), ensure_inside_axes=True,
                    arrowprops={"arrowstyle": "-", "color": "#777777", "lw": 0.3})


def map_figure(layers: Mapping[str, gpd.GeoDataFrame], *, title: str | None = None, subtitle: str = "",
               extent: Sequence[float] | None = None, lang: Language = "zh", paper: str = "a4",
               route_themes: Mapping[str, str] | None = None) -> Figure:
    """The printed map as a matplotlib figure (not attached to pyplot, safe in threads).

    Parameters
    ----------
    layers : mapping of str to geopandas.GeoDataFrame
        The layers to draw (already filtered), WGS84, in drawing order.
    title : str, optional
        Title; default the viewer's (``渝黔合作先行示范区规划地图``).
    subtitle : str
        A line under the title, e.g. the filters used.
    extent : (minlon, minlat, maxlon, maxlat), optional
        Area to show; default :func:`map_extent`.
    lang : {"zh", "en"}
        Language of the labels (the legend headings carry both).
    paper : {"a4", "a3"}
        Paper size (landscape).
    route_themes : mapping of str to str, optional
        ``route_id`` -> theme (colours of the stops); default from ``layers``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if any(n not in CONTEXT_LAYERS for n in layers) and not any(
            len(f) for n, f in layers.items() if n not in CONTEXT_LAYERS):
        raise ExportError("nothing to print: no feature matches the filters (widen them or choose other layers)")
    if paper not in PAPER_SIZES:
        raise ExportError(f"unknown paper size {paper!r}: choose one of {', '.join(PAPER_SIZES)}")
    bounds = tuple(float(v) for v in (extent if extent is not None else map_extent(layers)))
    themes = dict(route_themes) if route_themes is not None else route_themes_of(layers.get("tourism_routes"))
    crs = _projection(bounds)
    ordered = {n: layers[n] for n in LAYERS if n in layers} | {n: f for n, f in layers.items() if n not in LAYERS}
    projected = {n: (f.set_crs(4326) if f.crs is None else f).to_crs(crs) for n, f in ordered.items()}
    corners = gpd.GeoSeries.from_xy([bounds[0], bounds[2], bounds[0], bounds[2]],
                                    [bounds[1], bounds[1], bounds[3], bounds[3]], crs=4326).to_crs(crs)
    with _print_style():
        fig = Figure(figsize=PAPER_SIZES[paper])
        FigureCanvasAgg(fig)  # a renderer for the label placement, without pyplot
        ax = fig.add_axes((0.025, 0.14, 0.64, 0.76))
        ax.set_facecolor(MAP_BACKGROUND)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_aspect("equal")
        _fit(ax, fig, corners.x.min(), corners.y.min(), corners.x.max(), corners.y.max())
        _draw_layers(ax, projected, themes)
        ax.set_xlabel("")
        ax.set_ylabel("")
        _fit(ax, fig, corners.x.min(), corners.y.min(), corners.x.max(), corners.y.max())
        draw_graticule(ax, crs)
        _draw_labels(ax, projected, lang)
        x0, x1 = ax.get_xlim()
        draw_scale_bar(ax, nice_scale_km(x1 - x0), "公里 km" if lang == "zh" else "km")
        draw_north_arrow(ax, "北 N" if lang == "zh" else "N")
        _draw_locator(fig, ax, projected.get("boundaries"))
        other: Language = "en" if lang == "zh" else "zh"
        fig.text(0.025, 0.955, title or text("title", lang), fontsize=17, fontweight="bold", va="center")
        fig.text(0.025, 0.921, subtitle or text("title", other), fontsize=9, color="#444444", va="center")
        legend_ax = fig.add_axes((0.68, 0.14, 0.30, 0.76))
        draw_legend(legend_ax, legend_rows(layers, lang), both("legend", lang))
        draw_footer(fig, layers, crs)
    return fig


def _draw_locator(fig: Figure, ax: Axes, counties: gpd.GeoDataFrame | None) -> None:
    """A small map of every county with the printed area outlined, when the map shows only part of them."""
    if counties is None or not len(counties):
        return
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    minx, miny, maxx, maxy = (float(v) for v in counties.total_bounds)
    if (x1 - x0) * (y1 - y0) > 0.5 * (maxx - minx) * (maxy - miny):
        return  # the map already shows the whole area
    box = ax.get_position()
    width = box.width * 0.17
    height = width * fig.get_figwidth() / fig.get_figheight() * (maxy - miny) / (maxx - minx)
    inset = fig.add_axes((box.x1 - width - 0.006, box.y0 + 0.01, width, height))
    inset.set_facecolor("white")
    counties.boundary.plot(ax=inset, color="#8a8a8a", linewidth=0.4)
    inset.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, edgecolor="#d7301f", linewidth=1.0))
    inset.set_xlim(minx, maxx)
    inset.set_ylim(miny, maxy)
    inset.set_aspect("equal")
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_xlabel("")
    inset.set_ylabel("")
    for spine in inset.spines.values():
        spine.set_linewidth(0.5)


def _fit(ax: Axes, fig: Figure, x0: float, y0: float, x1: float, y1: float) -> None:
    """Set the limits to the box, grown in one direction to the frame's shape (no empty bands)."""
    box = ax.get_position()
    frame_ratio = (box.height * fig.get_figheight()) / (box.width * fig.get_figwidth())
    width, height = x1 - x0, y1 - y0
    if height / width < frame_ratio:
        grow = (width * frame_ratio - height) / 2
        y0, y1 = y0 - grow, y1 + grow
    else:
        grow = (height / frame_ratio - width) / 2
        x0, x1 = x0 - grow, x1 + grow
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)


def render_map(layers: Mapping[str, gpd.GeoDataFrame], fmt: str = "png", *, title: str | None = None,
               subtitle: str = "", extent: Sequence[float] | None = None, lang: Language = "zh",
               paper: str = "a4", route_themes: Mapping[str, str] | None = None) -> bytes:
    """The printed map's file content in ``fmt`` (``png`` or ``pdf``); the options are :func:`map_figure`'s.

    One map is drawn at a time: matplotlib's settings are global, and the
    viewer may be asked for images by several sessions at once.
    """
    if fmt not in PRINT_FORMATS.values():
        raise ExportError(f"unknown print format {fmt!r}: choose png or pdf")
    buffer = io.BytesIO()
    with _DRAWING:
        fig = map_figure(layers, title=title, subtitle=subtitle, extent=extent, lang=lang, paper=paper,
                         route_themes=route_themes)
        with _print_style():
            fig.savefig(buffer, format=fmt, dpi=PNG_DPI, facecolor="white",
                        metadata={"Title": title or text("title", lang)})
    return buffer.getvalue()


def print_map(layers: Mapping[str, gpd.GeoDataFrame], output: str | os.PathLike[str], *, title: str | None = None,
              subtitle: str = "", extent: Sequence[float] | None = None, lang: Language = "zh",
              paper: str = "a4", route_themes: Mapping[str, str] | None = None) -> Path:
    """Write the printed map to ``output`` (``.png`` or ``.pdf``), atomically.

    Parameters
    ----------
    layers : mapping of str to geopandas.GeoDataFrame
        The filtered layers.
    output : path-like
        File to write; its suffix chooses the format.
    title, subtitle, extent, lang, paper, route_themes
        As :func:`map_figure`.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ExportError
        For an unknown suffix, an empty selection or an unwritable folder;
        no partial file is left.
    """
    path = Path(output)
    fmt = PRINT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ExportError(f"cannot tell the format of {str(path)!r}: end the --output name in .png or .pdf")
    if not path.parent.is_dir():
        raise ExportError(f"folder {str(path.parent)!r} does not exist: create it or choose another --output")
    content = render_map(layers, fmt, title=title, subtitle=subtitle, extent=extent, lang=lang, paper=paper,
                         route_themes=route_themes)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"cannot write {str(path)!r}: {error}") from error
    return path
