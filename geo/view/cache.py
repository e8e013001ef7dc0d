"""Caches of the viewer: layers read once per change of their files, features prepared once.

The cached objects are shared by every session: callers must not modify them.
A filter change meets these caches too: the filtered layers and their legend are
kept per criteria (a planner going back and forth between two views pays once),
and the base map is rendered once per basemap, language and CRS
(:mod:`geo.view.map._component`).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.crs import shift_to_gcj02
from geo.filters import Criteria, filter_layers, route_ids
from geo.search import warm_up
from geo.store import load_layers
from geo.view.edit import with_edits
from geo.view.files import AssetUrls, Signature, folder_signature  # noqa: F401  (re-exported: callers import it from here)
from geo.view.i18n import Language
from geo.view.map import (
    MapData,
    RenderedBase,
    build_base_map,
    index_url,
    legend_html,
    pilot_bounds,
    prepare_layer,
    publish,
    publish_index,
    publish_index_soon,
    render_base,
)
from geo.view.sidebar import Choices, choices_from_layers, filter_widgets
from geo.view.tables import table_parts


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_layers(folder: str, signature: Signature) -> dict[str, gpd.GeoDataFrame]:
    """All layers of ``folder``, read once per change of its files (``signature``). Do not modify.

    The search keys are not made here (:func:`warm_search`): the first paint does
    not need them, and their pinyin takes longer than reading the files.
    """
    layers = with_edits(load_layers(Path(folder)), signature)  # the store's state, as the signature says
    return {name: _with_plain_text(frame) for name, frame in layers.items()}


def _with_plain_text(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``frame`` with its text columns held as Python strings (``object``), not pandas' Arrow strings.

    Every filter change takes the kept rows of every layer: with Arrow-backed
    columns each take goes through pyarrow, column by column, and the plan's
    ``filter_layers`` took 2.5 times as long (17.7 against 7.2 ms, tongzi and
    cross-border).  The values are the same.
    """
    text = [c for c in frame.columns if isinstance(frame[c].dtype, pd.StringDtype)]
    return frame.astype(dict.fromkeys(text, object)) if text else frame


def warm_search(folder: str, signature: Signature) -> None:
    """Make the search keys (pinyin) of every feature now, so that the first search does not wait.

    The server's warm-up (:func:`geo.view.server._serving.warm_rest`) calls it once the
    preview and the first page's caches are made; without it the keys are made
    at the first search.
    """
    for frame in cached_layers(folder, signature).values():
        warm_up(frame)


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_prepared(folder: str, signature: Signature, lang: Language, gcj02: bool) -> dict[str, gpd.GeoDataFrame]:
    """Styles, tooltips and popups of every feature, built once per language and CRS. Do not modify."""
    layers = cached_layers(folder, signature)
    routes = layers.get("tourism_routes", gpd.GeoDataFrame())
    ids = route_ids(routes)
    themes = dict(zip(ids, routes["theme"].astype(str), strict=True)) if "theme" in routes else {}
    names = dict(zip(ids, routes["name"].astype(str), strict=True)) if "name" in routes else {}
    prepared = {name: prepare_layer(name, frame, lang, themes, names) for name, frame in layers.items()}
    if gcj02:
        prepared = {name: shift_to_gcj02(frame) for name, frame in prepared.items()}
    return prepared


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_map_data(folder: str, signature: Signature, lang: Language, gcj02: bool) -> MapData:
    """The prepared features published once as a file the map fetches (see :mod:`geo.view.map._data`)."""
    return publish(cached_prepared(folder, signature, lang, gcj02))


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_choices(folder: str, signature: Signature) -> Choices:
    """The sidebar's options, read from the layers once per change of their files. Do not modify."""
    return choices_from_layers(cached_layers(folder, signature))


@st.cache_resource(show_spinner=False, max_entries=8)
def cached_table_parts(folder: str, signature: Signature, lang: Language) -> dict[str, pd.DataFrame]:
    """The table rows of every feature, by layer, made once per language (:func:`geo.view.tables.table_parts`)."""
    return table_parts(cached_layers(folder, signature), lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def cached_filtered(folder: str, signature: Signature, criteria: Criteria) -> dict[str, gpd.GeoDataFrame]:
    """The layers kept by ``criteria`` (:func:`geo.filters.filter_layers`), once per criteria. Do not modify."""
    return filter_layers(cached_layers(folder, signature), criteria)


def filtered_layers(folder: str, signature: Signature, criteria: Criteria) -> dict[str, gpd.GeoDataFrame]:
    """:func:`cached_filtered` in a new dict (a caller may add layers to it; the frames stay shared)."""
    return dict(cached_filtered(folder, signature, criteria))


@st.cache_resource(show_spinner=False, max_entries=64)
def cached_legend(folder: str, signature: Signature, criteria: Criteria, lang: Language) -> str:
    """The legend of the plan's layers with the counts ``criteria`` keeps (:func:`geo.view.map._legend.legend_html`)."""
    return legend_html(cached_filtered(folder, signature, criteria), cached_layers(folder, signature), lang)


@st.cache_resource(show_spinner=False, max_entries=32)
def cached_base_map(folder: str, signature: Signature, basemap: str, lang: Language, gcj02: bool,
                    urls: AssetUrls) -> RenderedBase:
    """The base map (tiles, controls, first view on the pilot counties), rendered once per basemap and language."""
    layers = cached_layers(folder, signature)
    drawn = cached_prepared(folder, signature, lang, gcj02)
    fit = pilot_bounds(layers.get("boundaries"), drawn.get("boundaries"))
    return render_base(build_base_map(basemap, lang, urls, fit, filters=True))


def filter_index(folder: str, signature: Signature, lang: Language, gcj02: bool) -> str | None:
    """URL of the features file's filter index (:mod:`geo.view.map._filter_index`); ``None`` while missing."""
    return index_url(cached_map_data(folder, signature, lang, gcj02))


def build_filter_index(folder: str, signature: Signature, lang: Language, gcj02: bool,
                       background: bool = False) -> str | None:
    """Publish the filter index of the map's features file; its URL (``None`` while a thread makes it).

    Parameters
    ----------
    folder, signature, lang, gcj02
        As for :func:`cached_map_data`.
    background : bool
        Make it in a daemon thread (a script run: it needs every name's pinyin)
        instead of now (the server's warm-up, itself a thread).

    Returns
    -------
    str or None
        The URL when it was made here (or was there already).
    """
    source = cached_map_data(folder, signature, lang, gcj02)
    layers = cached_layers(folder, signature)
    widgets = filter_widgets(cached_choices(folder, signature), lang)
    if background:
        publish_index_soon(layers, source, widgets)
        return index_url(source)
    return publish_index(layers, source, widgets)
