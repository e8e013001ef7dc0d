"""What the map writes on itself: label text and rank of each feature, the stack words.

The stacks (clusters) and the labels are drawn in the browser by
``geo/view/js/mapread.js`` and ``geo/view/js/labels.js`` from the features file the map already fetches
(:mod:`geo.view.map._data`): each feature carries its label (``lb``, and ``lb2``
in English mode), its rank (``rk``), its precision (``pr``) and the place it was
put at (``at``), a few bytes each; no second copy of the features is sent.

Ranks, in drawing priority (a lower rank wins a collision and shows at lower zoom;
the zoom thresholds are in ``labels.js``): 0 county or district, 1 township,
2 corridor (along its line), 3 a site placed at its own location, 4 not labelled
by zoom (a point placed at a township or county seat: the seat's own label names
the place; the stack list and the route stops still use its name).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from geo._html import plain_text
from geo.config import LAYERS
from geo.view.i18n import Language

RANK_COUNTY: Final[int] = 0
RANK_TOWNSHIP: Final[int] = 1
RANK_CORRIDOR: Final[int] = 2
RANK_SITE: Final[int] = 3
RANK_NONE: Final[int] = 4
#: Longest site label, characters (longer project names are cut with an ellipsis).
SITE_LABEL_CHARS: Final[int] = 14
POINT_LAYERS: Final[frozenset[str]] = frozenset({"townships", "tourism_stops", "logistics_parks", "projects"})

#: Words of the stack list and icons, by language (``{n}``, ``{place}``, ``{precision}`` filled in the browser).
STACK_TEXT: Final[dict[str, dict[str, str]]] = {
    "zh": {
        "stack_title": "此处共 {n} 个要素",
        "stack_seat": "定位于{place}驻地（{precision}精度）：{n} 个要素",
        "stack_site": "各在其实际地点（地点精度）：{n} 个要素",
        "stack_zoom": "放大查看",
        "stack_back": "返回列表",
        "stack_sites": "含精确到地点的要素",
    },
    "en": {
        "stack_title": "{n} features here",
        "stack_seat": "placed at the seat of {place} ({precision} precision): {n} features",
        "stack_site": "at their own sites (site precision): {n} features",
        "stack_zoom": "zoom in",
        "stack_back": "back to the list",
        "stack_sites": "holds site-precision features",
    },
}
#: Short precision words for the stack list.
PRECISION_WORDS: Final[dict[str, dict[str, str]]] = {
    "zh": {"site": "地点", "township": "乡镇", "county": "区县"},
    "en": {"site": "site", "township": "township", "county": "county"},
}


def _text(value: object) -> str:
    return plain_text(value).strip()


def label_rank(layer: str, properties: Mapping[str, Any]) -> int | None:
    """Rank of a feature's label (see the module doc), or ``None`` when it has no label."""
    if layer == "boundaries":
        return RANK_COUNTY
    if layer == "townships":
        return RANK_TOWNSHIP
    if layer == "corridors":
        return RANK_CORRIDOR
    if layer in POINT_LAYERS:
        return RANK_SITE if _text(properties.get("precision")) == "site" else RANK_NONE
    return None


def label_fields(layer: str, properties: Mapping[str, Any], lang: Language) -> dict[str, Any]:
    """The label properties of one feature for the features file (plain text, escaped in the browser).

    Parameters
    ----------
    layer : str
        Layer name.
    properties : mapping
        The feature's properties.
    lang : {"zh", "en"}
        Interface language: English mode adds the English name (``lb2``, or after
        the Chinese on a line's label).

    Returns
    -------
    dict
        ``lb``, ``lb2``, ``rk``, ``pr``, ``at``; empty when the feature has no label.
    """
    rank = label_rank(layer, properties)
    name = _text(properties.get("name"))
    if rank is None or not name:
        return {}
    name_en = _text(properties.get("name_en"))
    if rank == RANK_SITE and len(name) > SITE_LABEL_CHARS:
        name = name[:SITE_LABEL_CHARS - 1] + "…"
    fields: dict[str, Any] = {"lb": name, "rk": rank}
    if lang == "en" and name_en:
        if rank == RANK_CORRIDOR:
            fields["lb"] = f"{name} {name_en}"
        else:
            fields["lb2"] = name_en
    precision = _text(properties.get("precision"))
    if precision:
        fields["pr"] = precision
    located_at = _text(properties.get("located_at"))
    if located_at:
        fields["at"] = located_at
    return fields


def layer_names(lang: Language) -> dict[str, str]:
    """Layer -> its name in ``lang`` (headings of the stack list)."""
    return {layer: labels[0] if lang == "zh" else labels[1] for layer, labels in LAYERS.items()}
