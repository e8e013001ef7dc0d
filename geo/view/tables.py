"""Tables under the map: the filtered features, and the column labels of every table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import geopandas as gpd
import pandas as pd

from geo.config import LAYERS, PRECISIONS, STATUSES
from geo.filters import CONTEXT_LAYERS
from geo.view.i18n import Language, text, vocab_label
from geo.view.map import kind_label

#: Interface-text key of the label of each table column.
COLUMN_LABELS: Final[dict[str, str]] = {
    "layer": "col_layer", "name": "col_name", "name_en": "col_name_en", "kind": "col_kind",
    "status": "col_status", "county": "col_county", "precision": "col_precision", "source": "col_source",
    "seq": "col_seq", "leg_km": "col_leg_km", "cum_km": "col_cum_km", "distance_km": "col_distance_km",
}


def renamed(table: pd.DataFrame, lang: Language) -> pd.DataFrame:
    """A copy of ``table`` with its known columns labelled in ``lang`` (layer codes become names)."""
    shown = table.copy()
    if "layer" in shown.columns:
        shown["layer"] = shown["layer"].map(lambda n: LAYERS.get(n, (n, n))[0 if lang == "zh" else 1])
    return shown.rename(columns={c: text(k, lang) for c, k in COLUMN_LABELS.items()})


#: Columns of :func:`feature_table`, before labelling.
TABLE_COLUMNS: Final[list[str]] = ["layer", "name", "name_en", "kind", "status", "county", "precision",
                                   "source", "id"]
#: Rows shown at most in the page's table (the browser gets no more than this).
MAX_TABLE_ROWS: Final[int] = 500


def layer_rows(layer: str, frame: gpd.GeoDataFrame, lang: Language) -> pd.DataFrame:
    """The unlabelled table rows of one layer, with the layer's index (to pick filtered rows by label).

    Parameters
    ----------
    layer : str
        Layer name.
    frame : geopandas.GeoDataFrame
        The layer (all of it, or a filtered copy).
    lang : {"zh", "en"}
        Interface language.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TABLE_COLUMNS`, index of ``frame``.
    """
    def column(name: str) -> list[object]:
        return frame[name].tolist() if name in frame.columns else [""] * len(frame)

    records = frame.drop(columns=frame.geometry.name).to_dict("records")
    statuses = column("status")
    return pd.DataFrame({
        "layer": layer,
        "name": column("name"),
        "name_en": column("name_en"),
        "kind": [kind_label(layer, record, lang) for record in records],
        "status": [vocab_label(STATUSES, str(s), lang) if isinstance(s, str) and s else "" for s in statuses],
        "county": column("county"),
        "precision": [vocab_label(PRECISIONS, str(p), lang) for p in column("precision")],
        "source": column("source"),
        "id": column("id"),
    }, index=frame.index, columns=TABLE_COLUMNS)


def table_parts(layers: Mapping[str, gpd.GeoDataFrame], lang: Language) -> dict[str, pd.DataFrame]:
    """:func:`layer_rows` of every layer but the context layers (cache it: filters pick from it)."""
    return {name: layer_rows(name, frame, lang) for name, frame in layers.items() if name not in CONTEXT_LAYERS}


def picked_table(parts: Mapping[str, pd.DataFrame], filtered: Mapping[str, gpd.GeoDataFrame],
                 lang: Language) -> pd.DataFrame:
    """The rows of ``parts`` (from :func:`table_parts`) kept by the filters, labelled in ``lang``.

    Parameters
    ----------
    parts : mapping of str to pandas.DataFrame
        Rows of every layer, by layer, indexed like the layers.
    filtered : mapping of str to geopandas.GeoDataFrame
        Layers after the filters (same index labels).
    lang : {"zh", "en"}
        Interface language.

    Returns
    -------
    pandas.DataFrame
        As :func:`feature_table` of ``filtered``.
    """
    picked = [parts[name].loc[frame.index] for name, frame in filtered.items() if name in parts]
    table = pd.concat(picked, ignore_index=True) if picked else pd.DataFrame(columns=TABLE_COLUMNS)
    return renamed(table, lang)


def feature_table(filtered: Mapping[str, gpd.GeoDataFrame], lang: Language) -> pd.DataFrame:
    """One row per filtered feature (context layers left out), columns labelled in ``lang``.

    Parameters
    ----------
    filtered : mapping of str to geopandas.GeoDataFrame
        Layers after the filters.
    lang : {"zh", "en"}
        Interface language.

    Returns
    -------
    pandas.DataFrame
        Layer, names, kind, status, county, precision, plan section and id.
        Plain text: Streamlit's table shows it as text, never as HTML.
    """
    return picked_table(table_parts(filtered, lang), filtered, lang)
