"""Bring your own layer in the viewer: upload, validate, shift, filter, draw and export it.

The sidebar expander holds an ``st.file_uploader``; the file goes through
:func:`geo.upload.read_upload` (every problem shown with ``st.error``, every
repair with ``st.warning``, never a crash) and, on request, through
:func:`geo.upload.apply_shift` (GCJ-02 or BD-09 to WGS84).  The upload lives in
this session only (``st.session_state``): the plan's cached layers are never
touched, every filter works on copies.

Filters: the free-text search matches *all* the upload's attributes (Chinese,
pinyin, English: :mod:`geo.search`); province, county, status and
cross-border narrow it when it carries those columns, as for the plan's
layers (:func:`geo.filters.filter_layers`).  Its layer name in exports is
``upload_<safe stem>`` (:func:`geo._names.upload_layer_name`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Final

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import streamlit as st

from geo._errors import UploadError
from geo._html import escape_markdown
from geo._names import upload_layer_name
from geo.crs import shift_to_gcj02
from geo.filters import Criteria, filter_layers
from geo.search import text_mask
from geo.upload import SHIFTS, UploadedLayer, apply_shift, read_upload
from geo.view.i18n import Language, text
from geo.view.upload._big_layer import BigUploadLayer, UploadData, is_big, publish_upload
from geo.view.upload._html import attribute_columns, group_label, legend_rows, prepare_upload, table_rows, upload_group
from geo.view.upload._search import SearchSlot, UploadSearch

#: Session-state keys of the upload widgets and of the session's cache.
UPLOAD_KEY: Final[str] = "yq_upload_file"
SHIFT_KEY: Final[str] = "yq_upload_shift"
SHOW_KEY: Final[str] = "yq_upload_show"
_READ_KEY: Final[str] = "yq_upload_read"
_PREPARED_KEY: Final[str] = "yq_upload_prepared"
_PUBLISHED_KEY: Final[str] = "yq_upload_published"
_SEARCH_KEY: Final[str] = "yq_upload_search"
#: From this many rows on, an upload's search keys are built in the background once its map is sent.
SEARCH_WARM_MIN_ROWS: Final[int] = 2000
#: File extensions the uploader offers (the content is sniffed anyway).
ACCEPTED_TYPES: Final[list[str]] = ["geojson", "json", "gpkg", "kml", "gpx", "zip", "csv", "txt"]
#: Shift choices: none, then those of :data:`geo.upload.SHIFTS`.
SHIFT_CHOICES: Final[tuple[str, ...]] = ("none", *SHIFTS)


@dataclass(frozen=True)
class UploadView:
    """The session's upload, validated and shifted as asked.

    Attributes
    ----------
    layer_name : str
        ``upload_<safe stem>``: its key among the layers and in exports.
    label : str
        The file name as given (unescaped: escape before HTML or Markdown).
    layer : UploadedLayer
        The validated layer (after the chosen shift).
    token : str
        Identifies the file and the shift (a cache key).
    shown : bool
        Whether the user wants it on the map, in the table and in exports.
    search : SearchSlot or None
        The file's search keys (built once per file, whatever the shift: they depend on the
        attributes only); ``None``: searched by :func:`geo.search.text_mask`.
    """

    layer_name: str
    label: str
    layer: UploadedLayer
    token: str
    shown: bool = True
    search: SearchSlot | None = None

    @property
    def frame(self) -> gpd.GeoDataFrame:
        """The upload's features (WGS84). Do not modify: filter with :func:`filter_upload`."""
        return self.layer.frame


def load_upload(filename: str, data: bytes, shift: str = "none") -> UploadedLayer:
    """Read, validate and (optionally) shift an uploaded file.

    Parameters
    ----------
    filename : str
        The name the browser gave.
    data : bytes
        The content.
    shift : {"none", "gcj02", "bd09"}
        Shift to apply to WGS84.

    Returns
    -------
    UploadedLayer

    Raises
    ------
    UploadError
        Every problem found (see :func:`geo.upload.read_upload`).
    """
    return _shifted(read_upload(filename, data), shift)


def _shifted(layer: UploadedLayer, shift: str) -> UploadedLayer:
    """``layer`` moved to WGS84 by the chosen ``shift``; "none" (not in :data:`geo.upload.SHIFTS`) keeps it."""
    return apply_shift(layer, shift) if shift in SHIFTS else layer


def filter_upload(frame: gpd.GeoDataFrame, criteria: Criteria, name: str = "upload_file",
                  search: SearchSlot | UploadSearch | None = None) -> gpd.GeoDataFrame:
    """The upload's features that pass the viewer's filters (a copy, original index).

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        The upload (left unchanged).
    criteria : Criteria
        The view's criteria (:attr:`geo.view.state.ViewState.criteria`); those that
        name the plan's own layers or vocabularies (layers, modes, routes,
        logistics kinds) do not apply to an upload.
    name : str
        Its layer name.
    search : SearchSlot or UploadSearch, optional
        The upload's search keys, built once (:mod:`geo.view.upload._search`); without
        them the query goes through :func:`geo.search.text_mask` (same answer, row by row).

    Returns
    -------
    geopandas.GeoDataFrame
        Filtered copy: the text query is matched against every attribute.
    """
    applicable = replace(criteria, layers_on=None, modes=(), routes=(), logistics_kinds=(), text=None)
    keep = np.ones(len(frame), dtype=bool)
    if applicable != Criteria():  # province, county, status, cross-border: applied when it has the columns
        keep &= frame.index.isin(filter_layers({name: frame}, applicable)[name].index)
    if criteria.text:
        if isinstance(search, SearchSlot):
            search = search.get()  # waits for the background build rather than building the keys twice
        if search is not None and search.size == len(frame):  # keys of this file (any shift: same rows)
            keep &= search.mask(criteria.text)
        else:
            keep &= text_mask(frame, criteria.text, attribute_columns(frame)).to_numpy()
    return frame.iloc[np.flatnonzero(keep)].copy()


def problems_markdown(error: UploadError, lang: Language) -> str:
    """The error as Markdown: a bilingual headline, then one escaped bullet per problem."""
    problems = error.problems or [str(error)]
    bullets = "\n".join(f"- {escape_markdown(p, 2000)}" for p in problems)
    return f"**{escape_markdown(text('upload_error', lang))}**\n\n{bullets}"


def _read_once(file: Any) -> UploadedLayer | UploadError:
    """The unshifted read of the current file, kept in the session (read once per file)."""
    file_id = str(getattr(file, "file_id", "") or id(file))
    cached = st.session_state.get(_READ_KEY)
    if cached is not None and cached[0] == file_id:
        return cached[1]
    result: UploadedLayer | UploadError
    try:
        result = read_upload(str(file.name), file.getvalue())
    except UploadError as error:
        result = error
    st.session_state[_READ_KEY] = (file_id, result)
    st.session_state.pop(_PREPARED_KEY, None)
    st.session_state.pop(_PUBLISHED_KEY, None)
    st.session_state.pop(_SEARCH_KEY, None)
    return result


def _search_slot(file_id: str, layer: UploadedLayer) -> SearchSlot:
    """The file's search keys (one slot per file, kept in the session: they die with it)."""
    cached = st.session_state.get(_SEARCH_KEY)
    if cached is not None and cached[0] == file_id:
        return cached[1]
    slot = SearchSlot(layer.frame, attribute_columns(layer.frame))
    st.session_state[_SEARCH_KEY] = (file_id, slot)
    return slot


def _warm_search_keys(view: UploadView) -> None:
    """Build a big upload's search keys in a background thread, once per file.

    For 100,000 rows that takes a second or more (pinyin of every distinct value),
    which the first search would otherwise pay.  Called once the map has been sent
    (:func:`draw_upload`), so that the thread does not delay the upload's map.
    """
    if view.search is not None and len(view.frame) >= SEARCH_WARM_MIN_ROWS:
        view.search.build_in_background()


@dataclass(frozen=True)
class UploadRead:
    """What the uploader holds this run: no file, a file that failed, or a usable layer.

    Attributes
    ----------
    error : UploadError or None
        Why the file cannot be used.
    result : UploadedLayer or None
        The unshifted read of a usable file.
    view : UploadView or None
        That layer after the chosen shift, with the show choice.
    """

    error: UploadError | None = None
    result: UploadedLayer | None = None
    view: UploadView | None = None


def read_upload_state() -> UploadRead:
    """The session's upload as its widgets describe it, before they are drawn.

    The uploader, shift and show widgets keep their values in the session state,
    so the map can be drawn before the sidebar (:func:`draw_upload` draws them).

    Returns
    -------
    UploadRead
    """
    file = st.session_state.get(UPLOAD_KEY)
    if file is None:
        st.session_state.pop(_READ_KEY, None)
        st.session_state.pop(_PREPARED_KEY, None)
        st.session_state.pop(_PUBLISHED_KEY, None)
        return UploadRead()
    result = _read_once(file)
    if isinstance(result, UploadError):
        return UploadRead(error=result)
    shift = st.session_state.get(SHIFT_KEY, SHIFT_CHOICES[0])
    shift = shift if shift in SHIFT_CHOICES else SHIFT_CHOICES[0]
    layer = _shifted(result, shift)
    file_id = st.session_state[_READ_KEY][0]
    shown = bool(st.session_state.get(SHOW_KEY, True))
    return UploadRead(result=result, view=UploadView(upload_layer_name(layer.name), layer.name, layer,
                                                     f"{file_id}:{shift}", shown, _search_slot(file_id, result)))


def draw_upload(lang: Language, read: UploadRead) -> None:
    """The sidebar expander: uploader, messages, shift choice and show toggle.

    Parameters
    ----------
    lang : {"zh", "en"}
        Interface language.
    read : UploadRead
        From :func:`read_upload_state` earlier in the same run.
    """
    box = st.sidebar.expander(text("upload", lang), expanded=st.session_state.get(UPLOAD_KEY) is not None)
    with box:
        st.file_uploader(text("upload_file", lang), type=ACCEPTED_TYPES, key=UPLOAD_KEY,
                         help=text("upload_help", lang))
        if read.error is not None:
            st.error(problems_markdown(read.error, lang))
            return
        if read.result is None or read.view is None:
            return
        _warm_search_keys(read.view)
        suggested = {fix.shift_from for fix in read.result.fixes}

        def shift_label(code: str) -> str:
            label = text(f"shift_{code}", lang)
            return f"{label} {text('shift_suggested', lang)}" if code in suggested else label

        st.radio(text("upload_shift", lang), SHIFT_CHOICES, key=SHIFT_KEY, format_func=shift_label)
        st.checkbox(text("upload_show", lang), value=True, key=SHOW_KEY)
        layer = read.view.layer
        st.caption(f"{escape_markdown(layer.name)} · {len(layer.frame)} {escape_markdown(text('upload_loaded', lang))}")
        if layer.warnings:
            st.warning("\n".join(f"- {escape_markdown(w, 2000)}" for w in layer.warnings))


def upload_layers(view: UploadView | None, criteria: Criteria) -> dict[str, gpd.GeoDataFrame]:
    """``{layer name: filtered copy}`` of the upload, or ``{}`` when none is loaded or it is hidden."""
    if view is None or not view.shown:
        return {}
    return {view.layer_name: filter_upload(view.frame, criteria, view.layer_name, view.search)}


@dataclass(frozen=True)
class PageUpload:
    """The session's upload as one more layer of the page: its map group, legend rows and table rows.

    Empty (no group, no rows, no layers) when there is no upload or it is
    hidden, so the page handles the plan and the upload the same way.

    Attributes
    ----------
    view : UploadView or None
        The upload.
    layers : dict of str to geopandas.GeoDataFrame
        ``{layer name: filtered copy}`` (:func:`upload_layers`), or ``{}``.
    """

    view: UploadView | None
    layers: dict[str, gpd.GeoDataFrame]

    @property
    def token(self) -> str:
        """Identifies the file and its shift (part of the download's key); ``""`` without an upload."""
        return self.view.token if self.view is not None else ""

    def _shown(self) -> gpd.GeoDataFrame | None:
        return self.layers.get(self.view.layer_name) if self.view is not None else None

    def map_groups(self, lang: Language, gcj02: bool) -> list[folium.FeatureGroup]:
        """Its feature group (empty list without an upload), shifted like the plan for GCJ-02 tiles."""
        shown = self._shown()
        if self.view is None or shown is None:
            return []
        if is_big(len(self.view.frame)):
            data = published_upload(self.view, lang, gcj02)
            group = folium.FeatureGroup(name=group_label(self.view.label, len(shown), lang), show=True)
            BigUploadLayer(data, data.spans(shown.index)).add_to(group)
            return [group]
        drawn = prepared_upload(self.view, lang, gcj02)
        return [upload_group(drawn.loc[shown.index], self.view.label, lang)]

    def legend_rows(self, lang: Language) -> str:
        """HTML of its legend block (``""`` without an upload)."""
        shown = self._shown()
        return "" if self.view is None or shown is None else legend_rows(self.view.label, len(shown), lang)

    def table_rows(self, lang: Language) -> list[pd.DataFrame]:
        """Its rows of the feature table, as a list of frames to concatenate (empty without an upload)."""
        shown = self._shown()
        return [] if self.view is None or shown is None else [table_rows(shown, self.view.label, lang)]


def page_upload(view: UploadView | None, criteria: Criteria) -> PageUpload:
    """The session's upload filtered by ``criteria``, ready for the page (:class:`PageUpload`)."""
    return PageUpload(view, upload_layers(view, criteria))


def published_upload(view: UploadView, lang: Language, gcj02: bool) -> UploadData:
    """A big upload's file (:mod:`geo.view.upload._big_layer`), written once per file, shift, language and CRS."""
    key = ("published", view.token, lang, gcj02)
    cached = st.session_state.get(_PUBLISHED_KEY)
    if cached is not None and cached[0] == key:
        return cached[1]
    frame = shift_to_gcj02(view.frame) if gcj02 else view.frame
    data = publish_upload(frame, view.label, lang)
    st.session_state[_PUBLISHED_KEY] = (key, data)
    return data


def prepared_upload(view: UploadView, lang: Language, gcj02: bool) -> gpd.GeoDataFrame:
    """Tooltips, popups and styles of the whole upload, built once per file, shift, language and basemap CRS."""
    key = (view.token, lang, gcj02)
    cached = st.session_state.get(_PREPARED_KEY)
    if cached is not None and cached[0] == key:
        return cached[1]
    prepared = prepare_upload(view.frame, view.label, lang)
    if gcj02:
        prepared = shift_to_gcj02(prepared)
    st.session_state[_PREPARED_KEY] = (key, prepared)
    return prepared
