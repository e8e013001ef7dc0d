"""Tables under the map: the filtered features, and the column labels of every table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import geopandas as gpd
import pandas as pd

from geo.config import LAYERS, PRECISIONS, STATUSES
from geo.filters import CONTEXT_LAYERS
from geo.view.i18n import Language, text, vocab_label
from geo.view.popups import kind_label

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
    rows: list[dict[str, object]] = []
    for layer, frame in filtered.items():
        if layer in CONTEXT_LAYERS:
            continue
        for record in frame.drop(columns=frame.geometry.name).to_dict("records"):
            status = record.get("status")
            rows.append({
                "layer": layer,
                "name": record.get("name", ""),
                "name_en": record.get("name_en", ""),
                "kind": kind_label(layer, record, lang),
                "status": vocab_label(STATUSES, str(status), lang) if isinstance(status, str) and status else "",
                "county": record.get("county", ""),
                "precision": vocab_label(PRECISIONS, str(record.get("precision", "")), lang),
                "source": record.get("source", ""),
                "id": record.get("id", ""),
            })
    columns = ["layer", "name", "name_en", "kind", "status", "county", "precision", "source", "id"]
    return renamed(pd.DataFrame(rows, columns=columns), lang)
