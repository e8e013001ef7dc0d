"""The basemaps the viewer offers: label, xyzservices tiles and coordinate frame of each.

One home for everything a basemap is: the sidebar lists :data:`BASEMAPS`, the
URL state accepts their codes, the map draws their tiles, and the page asks
:func:`is_gcj02` once per run whether the features must be shifted to GCJ-02
to sit on the tiles (Gaode's are in GCJ-02; the others in WGS84).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Final

from geo.view.i18n import Language


@dataclass(frozen=True)
class Basemap:
    """One basemap choice.

    Attributes
    ----------
    code : str
        Code in the URL (``base=``) and the widgets.
    label_zh, label_en : str
        Menu labels.
    provider : str or None
        xyzservices provider name (``None``: no tiles, a plain background).
    gcj02 : bool
        Whether the tiles are in GCJ-02, so that WGS84 features must be shifted.
    """

    code: str
    label_zh: str
    label_en: str
    provider: str | None
    gcj02: bool = False

    def label(self, lang: Language) -> str:
        """The menu label in ``lang``."""
        return self.label_zh if lang == "zh" else self.label_en


#: Basemaps offered, in menu order.
BASEMAPS: Final[dict[str, Basemap]] = {b.code: b for b in (
    Basemap("osm", "OpenStreetMap", "OpenStreetMap", "OpenStreetMap.Mapnik"),
    Basemap("gaode", "高德地图（GCJ-02，数据已偏移对齐）", "Gaode (GCJ-02, data shifted to match)", "Gaode.Normal",
            gcj02=True),
    Basemap("satellite", "卫星影像（Esri）", "Satellite (Esri)", "Esri.WorldImagery"),
    Basemap("none", "无底图（纯色背景）", "No tiles (plain background)", None),
)}
DEFAULT_BASEMAP: Final[str] = "osm"


def is_gcj02(code: str) -> bool:
    """Whether the basemap ``code`` has GCJ-02 tiles (unknown codes: no)."""
    basemap = BASEMAPS.get(code)
    return basemap is not None and basemap.gcj02


def basemap_label(code: str, lang: Language) -> str:
    """Menu label of a basemap code (the code itself when unknown)."""
    basemap = BASEMAPS.get(code)
    return basemap.label(lang) if basemap is not None else code


@functools.cache
def tile_provider(code: str) -> tuple[str, str] | None:
    """Tile URL template and HTML attribution of a basemap (looked up once); ``None`` without tiles."""
    basemap = BASEMAPS.get(code)
    if basemap is None or basemap.provider is None:
        return None
    from xyzservices import providers

    provider = providers.query_name(basemap.provider)
    return provider.build_url(), provider.html_attribution
