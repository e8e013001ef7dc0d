"""Download of the filtered selection.

The file is made by the export teammate's :func:`geo.export.export_bytes` (the
same code as ``python -m geo export``), in the format and coordinate system the
user picks; if that module cannot be imported, the viewer falls back to its own
WGS84 GeoJSON (:func:`filtered_geojson`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Final

import geopandas as gpd
import streamlit as st

from geo._html import escape_markdown
from geo.filters import filter_layers
from geo.view.cache import Signature, cached_layers
from geo.view.i18n import Language, text

FALLBACK_FORMATS: Final[dict[str, str]] = {"geojson": "GeoJSON"}
FALLBACK_CRSES: Final[dict[str, str]] = {"wgs84": "WGS 84 (EPSG:4326)"}
GEOJSON_MIME: Final[str] = "application/geo+json"
#: Session-state key of the last export that included the session's upload.
UPLOAD_EXPORT_KEY: Final[str] = "yq_upload_export"


def filtered_geojson(filtered: Mapping[str, gpd.GeoDataFrame]) -> bytes:
    """The filtered features as one WGS84 GeoJSON FeatureCollection with a ``layer`` property.

    Parameters
    ----------
    filtered : mapping of str to geopandas.GeoDataFrame
        Layers after the filters.

    Returns
    -------
    bytes
        UTF-8 GeoJSON.
    """
    features: list[dict[str, Any]] = []
    for name, frame in filtered.items():
        if frame.empty:
            continue
        collection = json.loads(frame.to_crs(4326).to_json(drop_id=True))
        for feature in collection["features"]:
            feature["properties"] = {"layer": name, **feature["properties"]}
            features.append(feature)
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode("utf-8")


def export_choices() -> tuple[dict[str, str], dict[str, str]]:
    """Formats and coordinate systems offered: the exporter's, or GeoJSON/WGS84 only."""
    try:
        from geo.crs import OUTPUT_CRSES
        from geo.export import FORMATS
    except ImportError:
        return FALLBACK_FORMATS, FALLBACK_CRSES
    return ({code: f.description for code, f in FORMATS.items()},
            {code: c.label for code, c in OUTPUT_CRSES.items()})


@st.cache_data(show_spinner=False, max_entries=32)
def cached_export(folder: str, signature: Signature, criteria: dict[str, Any], fmt: str,
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
    filtered = filter_layers(cached_layers(folder, signature), **criteria)
    try:
        from geo.export import export_bytes
    except ImportError:
        return filtered_geojson(filtered), "yuqian_filtered.geojson", GEOJSON_MIME
    return export_bytes(filtered, fmt, crs)


def session_export(layers: Mapping[str, gpd.GeoDataFrame], key: tuple[object, ...], fmt: str,
                   crs: str) -> tuple[bytes, str, str]:
    """The export of the plan's filtered layers with the session's upload, kept for one key.

    Parameters
    ----------
    layers : mapping of str to geopandas.GeoDataFrame
        Filtered plan layers and the upload (``upload_<stem>``).
    key : tuple
        What the selection depends on (upload, criteria, format, CRS): the
        export is made again only when it changes.
    fmt, crs : str
        Format and coordinate system codes of :mod:`geo.export`.

    Returns
    -------
    (bytes, str, str)
        Content, file name and MIME type.
    """
    cached = st.session_state.get(UPLOAD_EXPORT_KEY)
    if cached is not None and cached[0] == key:
        return cached[1]
    from geo.export import export_bytes

    result = export_bytes(layers, fmt, crs)
    st.session_state[UPLOAD_EXPORT_KEY] = (key, result)
    return result


def draw_download(folder: str, signature: Signature, filtered: Mapping[str, gpd.GeoDataFrame],
                  criteria: dict[str, Any], lang: Language,
                  extra: Mapping[str, gpd.GeoDataFrame] | None = None, extra_key: str = "") -> None:
    """Format and CRS choosers and the download button of the filtered selection.

    ``extra`` holds the session's filtered upload (exported with the plan's
    layers under its ``upload_<stem>`` name); ``extra_key`` identifies it.
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
    try:
        if extra:
            key = (extra_key, signature, repr(sorted(criteria.items())), fmt, crs)
            data, file_name, mime = session_export({**filtered, **extra}, key, fmt, crs)
        else:
            file_name, mime = export_name(filtered, fmt, crs)
            data = lazy_export(folder, signature, criteria, fmt, crs)
    except ValueError as error:
        right.caption(escape_markdown(error))
        return
    right.download_button(text("download", lang), data=data, file_name=file_name, mime=mime,
                          key="yq_download")


def export_name(filtered: Mapping[str, gpd.GeoDataFrame], fmt: str, crs: str) -> tuple[str, str]:
    """File name and MIME type of the export of ``filtered`` (the fallback's when there is no exporter)."""
    try:
        from geo.export import export_name as exporter_name
    except ImportError:
        return "yuqian_filtered.geojson", GEOJSON_MIME
    return exporter_name(filtered, fmt, crs)


def lazy_export(folder: str, signature: Signature, criteria: dict[str, Any], fmt: str,
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
