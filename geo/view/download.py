"""Download of the filtered selection, and of a map image of it.

The file is made by :func:`geo.export.export_bytes` (the same code as
``python -m geo export``), in the format and coordinate system the user picks.
The selection is keyed by the view's :class:`geo.filters.Criteria`.  The map
image is the printed map of ``python -m geo print`` (:func:`geo.publish._printmap.render_map`)
for the current filters and extent, made only when its button is clicked.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping

import geopandas as gpd
import streamlit as st

from geo._html import escape_markdown
from geo.crs import OUTPUT_CRSES
from geo.export import FORMATS, export_bytes, export_name
from geo.filters import Criteria, filter_layers
from geo.view.cache import Signature, cached_layers
from geo.view.i18n import Language, text

#: Session-state key of what the download button offers with an upload: file name, {layer: features}.
OFFER_KEY = "yq_download_offer"


def export_choices() -> tuple[dict[str, str], dict[str, str]]:
    """Formats and coordinate systems offered (those of :mod:`geo.export` and :mod:`geo.crs`), by code."""
    return ({code: f.description for code, f in FORMATS.items()},
            {code: c.label for code, c in OUTPUT_CRSES.items()})


@st.cache_data(show_spinner=False, max_entries=32)
def cached_export(folder: str, signature: Signature, criteria: Criteria, fmt: str,
                  crs: str) -> tuple[bytes, str, str]:
    """The export of one filtered selection, made once per selection, format and CRS.

    Returns
    -------
    (bytes, str, str)
        Content, file name and MIME type.

    Raises
    ------
    ValueError
        From the exporter (e.g. :class:`geo._errors.ExportError` for an empty selection).
    """
    return export_bytes(filter_layers(cached_layers(folder, signature), criteria), fmt, crs)


def _export_content(layers: Mapping[str, gpd.GeoDataFrame], fmt: str, crs: str) -> bytes:
    """The bytes of the export of ``layers`` (the plan's filtered layers and the upload), made on demand."""
    return export_bytes(layers, fmt, crs)[0]


def draw_download(folder: str, signature: Signature, filtered: Mapping[str, gpd.GeoDataFrame],
                  criteria: Criteria, lang: Language,
                  extra: Mapping[str, gpd.GeoDataFrame] | None = None, extra_key: str = "") -> None:
    """Format and CRS choosers and the download button of the filtered selection.

    ``extra`` holds the session's filtered upload (exported with the plan's
    layers under its ``upload_<stem>`` name); ``extra_key`` identifies it (the
    export itself is made only at the click, like the plan's).
    """
    formats, crses = export_choices()
    left, middle, right = st.columns([1, 1, 1])
    fmt = left.selectbox(text("download_format", lang), list(formats), format_func=formats.__getitem__,
                         key="yq_download_format")
    crs = middle.selectbox(text("download_crs", lang), list(crses), format_func=crses.__getitem__,
                           key="yq_download_crs")
    if sum(len(f) for f in filtered.values()) + sum(len(f) for f in (extra or {}).values()) == 0:
        right.caption(text("download_empty", lang))
        return
    data: bytes | Callable[[], bytes]
    try:
        if extra:  # made at the click too: a big upload's export takes seconds, not to be paid per filter change
            selection = {**filtered, **extra}
            file_name, mime = export_name(selection, fmt, crs)
            data = functools.partial(_export_content, selection, fmt, crs)
            st.session_state[OFFER_KEY] = (file_name, {n: len(f) for n, f in selection.items() if len(f)})
        else:
            file_name, mime = export_name(filtered, fmt, crs)
            data = lazy_export(folder, signature, criteria, fmt, crs)
    except ValueError as error:
        right.caption(escape_markdown(error))
        return
    right.download_button(text("download", lang), data=data, file_name=file_name, mime=mime,
                          key="yq_download")
    draw_map_image(folder, signature, criteria, lang)


def draw_map_image(folder: str, signature: Signature, criteria: Criteria, lang: Language) -> None:
    """The "下载地图图片 / Download map image" button: a PNG of the current filters and extent.

    The extent is the map's last set view (the lon/lat bounds that zoom to the
    filtered features, the township or the route tool fitted), else that of the
    filtered features.
    """
    from geo.view.tools import VIEW_KEY

    view = st.session_state.get(VIEW_KEY)  # (bounds, request number), see geo.view.tools._panel.set_view
    extent = tuple(float(v) for v in view[0]) if view else None

    def make() -> bytes:
        return cached_map_image(folder, signature, criteria, lang, extent)

    st.download_button(text("download_map_image", lang), data=make, file_name="yuqian_map.png", mime="image/png",
                       key="yq_download_map_image", help=text("download_map_image_help", lang))


@st.cache_data(show_spinner=False, max_entries=8)
def cached_map_image(folder: str, signature: Signature, criteria: Criteria, lang: Language,
                     extent: tuple[float, ...] | None) -> bytes:
    """The PNG map image of one filtered selection and extent, made once per selection."""
    from geo.publish import render_map, route_themes_of

    layers = cached_layers(folder, signature)
    return render_map(filter_layers(layers, criteria), "png", lang=lang, extent=extent,
                      route_themes=route_themes_of(layers.get("tourism_routes")))


def lazy_export(folder: str, signature: Signature, criteria: Criteria, fmt: str,
                crs: str) -> Callable[[], bytes]:
    """The export's content as a callable, made only when the download button is clicked.

    Streamlit runs it on its own thread at the click, so a filter change does
    not pay for an export nobody asked for.

    Returns
    -------
    callable
        Returns the bytes of :func:`cached_export`.
    """
    def make() -> bytes:
        return cached_export(folder, signature, criteria, fmt, crs)[0]

    return make
