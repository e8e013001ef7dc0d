"""Static site: the plan's map as a self-contained folder (``python -m geo publish --output site/``).

The folder holds ``index.html``, the features as scripts under ``data/`` and
the Leaflet files copied from the installed npm packages under ``lib/``; it
needs no server and no network: it opens from ``file://`` (a page opened from
a file cannot ``fetch()`` a JSON file, so the features come as
``data/features.js``, which hands the viewer's map script the same object its
fetch would give), from any static web server or CDN, and inside an
``<iframe>``.

The map is built by the viewer's own code (:mod:`geo.view.map._base`,
:mod:`geo.view.map._data`, :mod:`geo.view.map._popups`, :mod:`geo.view.map._legend` and
``geo/view/js/mapread.js`` and ``labels.js``): the same styles, stacks, labels, legend and
escaped popups.  The site adds a title, a search box over the names
(Chinese, pinyin, English; keys from :mod:`geo.search`) and the data credits
(``geo/view/js/site.js``).
"""

from __future__ import annotations

import html
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import folium
import geopandas as gpd
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from geo._errors import ExportError
from geo.config import LAYERS
from geo.credits import PLAN_CREDIT, credit_line, data_credits, required_credits
from geo.filters import CONTEXT_LAYERS
from geo.search import SEARCH_COLUMNS, search_keys
from geo.view.files import JS_DIR
from geo.view.i18n import Language, text

#: File that marks a folder as a published site (only such a folder is replaced).
SITE_MARKER: Final[str] = ".yuqian-site"
#: The plan, as credited on the map.
PLAN_TITLE: Final[str] = "《重庆市綦江区“十四五”渝黔合作先行示范区建设规划》"
LIB_DIR: Final[str] = "lib"
#: Paths of the data scripts, relative to ``index.html``; the features' one is also the key the map reads.
FEATURES_JS: Final[str] = "data/features.js"
SEARCH_JS: Final[str] = "data/search.js"
SITE_JS: Final[Path] = JS_DIR / "site.js"
#: Files of an npm package copied with it (besides the folders of the files used).
_LICENCE_NAMES: Final[tuple[str, ...]] = ("LICENSE", "LICENSE.md", "LICENSE.txt", "MIT-LICENCE.txt", "package.json")

_SITE_CSS: Final[str] = """
<style>
html, body { margin: 0; padding: 0; height: 100%; }
.folium-map { position: absolute; inset: 0; }
.leaflet-top.leaflet-right { z-index: 1001; }  /* the opened layer list above the legend */
.yq-site-title { background: rgba(255,255,255,0.92); padding: 4px 10px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); max-width: 46vw; }
.yq-site-title-main { font-size: 15px; font-weight: 700; }
.yq-site-title-sub { font-size: 11px; color: #555; }
.yq-site-search { background: #fff; padding: 4px; width: 230px; }
.yq-site-search input { width: 100%; box-sizing: border-box; font-size: 13px; padding: 3px 5px; }
.yq-site-results { list-style: none; margin: 2px 0 0; padding: 0; max-height: 40vh; overflow-y: auto; font-size: 12px; }
.yq-site-results li { padding: 2px 4px; }
.yq-site-hit { cursor: pointer; border-top: 1px solid #eee; }
.yq-site-hit:hover, .yq-site-hit:focus { background: #fff3c4; }
.yq-site-layer { color: #777; margin-left: 6px; font-size: 11px; }
.yq-site-count { color: #555; }
@media (max-width: 640px) {
  .yq-site-search { width: 150px; } .yq-site-title { max-width: 60vw; }
  .yq-site-title-main { font-size: 13px; } .yq-site-title-sub { display: none; }
  .leaflet-container .leaflet-control-attribution { font-size: 8.5px; line-height: 1.2; }
}
</style>
"""


@dataclass(frozen=True)
class SiteReport:
    """What :func:`publish_site` wrote.

    Attributes
    ----------
    folder : pathlib.Path
        The site folder.
    counts : dict of str to int
        Features drawn, by layer.
    total_bytes : int
        Size of every file of the site.
    """

    folder: Path
    counts: dict[str, int]
    total_bytes: int


class SiteSetup(MacroElement):
    """Calls ``yqSiteSetup`` (``site.js``) with the map, the data layers and the site's words."""

    _template = Template("""
{% macro script(this, kwargs) %}
yqSiteSetup({{ this._parent.get_name() }}, {{ this.config|tojson }}, [{{ this.sources|join(", ") }}]);
{% endmacro %}
""")

    def __init__(self, config: dict[str, Any], sources: list[str]) -> None:
        super().__init__()
        self._name = "SiteSetup"
        self.config = config
        self.sources = sources


def prepared_layers(layers: Mapping[str, gpd.GeoDataFrame], lang: Language,
                    everything: Mapping[str, gpd.GeoDataFrame]) -> dict[str, gpd.GeoDataFrame]:
    """Styles, tooltips and popups of the layers, as the viewer prepares them (:func:`geo.view.map.prepare_layer`).

    ``everything`` gives the tourism routes whose theme colours their stops and
    whose names their popups show, even when the routes are filtered out.
    """
    from geo.filters import route_ids
    from geo.view.map import prepare_layer

    routes = everything.get("tourism_routes", gpd.GeoDataFrame())
    ids = route_ids(routes)
    themes = dict(zip(ids, routes["theme"].astype(str), strict=True)) if "theme" in routes else {}
    names = dict(zip(ids, routes["name"].astype(str), strict=True)) if "name" in routes else {}
    return {name: prepare_layer(name, frame, lang, themes, names) for name, frame in layers.items()}


def features_script(prepared: Mapping[str, gpd.GeoDataFrame]) -> str:
    """``data/features.js``: the viewer's features file, handed to the map script as if fetched."""
    from geo.view.map import map_data_text

    key = json.dumps(FEATURES_JS)
    return ("window.yqData = window.yqData || {};\n"
            f"window.yqData[{key}] = Promise.resolve({map_data_text(prepared)});\n")


def search_script(layers: Mapping[str, gpd.GeoDataFrame], prepared: Mapping[str, gpd.GeoDataFrame],
                  lang: Language) -> str:
    """``data/search.js``: per layer, ``[fid, name, keys]`` of each feature (keys as :func:`geo.search.search_keys`)."""
    index: dict[str, list[list[Any]]] = {}
    for layer, frame in reversed(list(layers.items())):  # points (townships first) before lines
        if layer in CONTEXT_LAYERS or not len(frame):
            continue
        present = [c for c in SEARCH_COLUMNS if c in frame.columns]
        rows = []
        for fid, record in zip(prepared[layer]["fid"], frame[present].to_dict("records"), strict=True):
            values: list[object] = []
            for value in record.values():
                values.extend(value.split("|") if isinstance(value, str) else [value])
            name = str(record.get("name") or fid)
            english = str(record.get("name_en") or "")
            shown = f"{name} {english}".strip() if lang == "zh" else f"{english or name} {name}".strip()
            rows.append([fid, shown, list(search_keys(values))])
        index[layer] = rows
    body = json.dumps(index, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"window.yqSearch = {body};\n"


def _copy_assets(lib: Path, lang: Language) -> str:
    """Copy the Leaflet style sheets, images and licences into ``lib``; write the joined script; its URL.

    The scripts themselves are all in the joined script (:func:`geo.view.files._assets.bundle_text`).
    """
    from geo.view.files import NODE_MODULES, REQUIRED_FILES, bundle_text

    folders = {Path(name).parent for name in REQUIRED_FILES}
    for folder in sorted(folders):
        shutil.copytree(NODE_MODULES / folder, lib / folder, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("*.js", "*.map", "src", "node_modules", "*.ts", "*.md", ".*",
                                                      "*.html"))
        package = Path(folder.parts[0])
        for name in _LICENCE_NAMES:
            if (NODE_MODULES / package / name).is_file():
                shutil.copy2(NODE_MODULES / package / name, lib / package / name)
    bundle = f"leaflet-bundle-{lang}.js"
    (lib / bundle).write_text(bundle_text(NODE_MODULES, lang), encoding="utf-8")
    return f"{LIB_DIR}/{bundle}"


def site_map(layers: Mapping[str, gpd.GeoDataFrame], prepared: Mapping[str, gpd.GeoDataFrame],
             everything: Mapping[str, gpd.GeoDataFrame], lang: Language, title: str, bundle_url: str,
             basemap: str = "none") -> folium.Map:
    """The site's map: the viewer's base map, data groups and legend, a layer control and the site controls."""
    from geo.view.files import AssetUrls
    from geo.view.map import (
        CANVAS_MIN_FEATURES,
        IndexedGeoJson,
        MapData,
        build_base_map,
        data_groups,
        legend_group,
        legend_html,
        pilot_bounds,
    )

    urls = AssetUrls(base=LIB_DIR, bundles={lang: bundle_url})
    fit = pilot_bounds(everything.get("boundaries")) if "boundaries" in everything else None
    fmap = build_base_map(basemap, lang, urls, fit)
    total = sum(len(frame) for frame in prepared.values())
    source = MapData(url=FEATURES_JS, index={layer: frame.index for layer, frame in prepared.items()},
                     canvas=total >= CANVAS_MIN_FEATURES)
    groups = data_groups(prepared, lang, source)
    for group in groups:
        group.add_to(fmap)
    legend_title = f"{text('legend', lang)} · {text('shown', lang)} {total}"
    legend_group(legend_html(layers, everything, lang), legend_title).add_to(fmap)
    folium.LayerControl(collapsed=True).add_to(fmap)  # as in the viewer; the legend opens below it
    sources = [child.get_name() for group in groups for child in group._children.values()
               if isinstance(child, IndexedGeoJson)]
    # the credits the licences ask for on the map itself; every source, in full, in ABOUT.txt
    credits = list(dict.fromkeys(html.escape(f"{c.attribution} ({c.licence})")
                                 for c in required_credits(data_credits(layers))))
    other: Language = "en" if lang == "zh" else "zh"
    config = {
        "title": title, "subtitle": text("title", other) if title == text("title", lang) else "",
        # features the map draws: one of unknown position has no geometry (listed in search and ABOUT only)
        "expected": {layer: int((frame.geometry.notna() & ~frame.geometry.is_empty).sum())
                     for layer, frame in prepared.items()},
        "credits": [html.escape(PLAN_TITLE if lang == "zh" else PLAN_CREDIT[1]), *credits],
        "strings": {"search": text("search", lang), "found": "找到 {n} 个" if lang == "zh" else "{n} found"},
        "layers": {layer: labels[0 if lang == "zh" else 1] for layer, labels in LAYERS.items()},
    }
    SiteSetup(config, sources).add_to(fmap)
    root = fmap.get_root()
    assert isinstance(root, Figure)
    root.title = title
    root.header.add_child(Element(_SITE_CSS))
    for script in (FEATURES_JS, SEARCH_JS, f"{LIB_DIR}/site.js"):
        root.header.add_child(Element(f'<script src="{html.escape(script)}"></script>'))
    return fmap


def _about_text(counts: Mapping[str, int], layers: Mapping[str, gpd.GeoDataFrame], lang: Language) -> str:
    credits = "\n".join(f"  - {credit_line(c)}" for c in data_credits(layers))
    shown = "\n".join(f"  - {layer}: {n}" for layer, n in counts.items())
    return f"""{text("title", "zh")} / {text("title", "en")}

A static copy of the plan's map, made by `python -m geo publish` ({lang}).
Open index.html in a browser (works from a file, no network needed), put the
folder on any static web server, or embed it:

  <iframe src="site/index.html" width="100%" height="640" style="border:0" title="{text("title", lang)}"></iframe>

Contents: index.html; data/features.js (the features, styles, tooltips and popups),
data/search.js (names and search keys); lib/ (Leaflet 1.9.4, Leaflet.fullscreen,
leaflet-measure, Leaflet.markercluster, each with its licence, copied from the npm packages,
joined in lib/leaflet-bundle-{lang}.js with the viewer's map script).

Features:
{shown}

Sources: {PLAN_CREDIT[0]} / {PLAN_CREDIT[1]}.
Coordinates and boundaries:
{credits}
Precision: points placed only at a township or county seat are drawn hollow or with a
dashed ring and their popups say so; lines are schematic (straight between named places).
"""


def publish_site(layers: Mapping[str, gpd.GeoDataFrame], output: str | os.PathLike[str], *,
                 everything: Mapping[str, gpd.GeoDataFrame] | None = None, lang: Language = "zh",
                 title: str | None = None, basemap: str = "none") -> SiteReport:
    """Write the static site of ``layers`` into the folder ``output``.

    The site is built in a temporary folder next to ``output`` and then moved
    into place, so a failure leaves no half-written site; an existing
    ``output`` is replaced only when it is a site written before (it holds
    :data:`SITE_MARKER`) or empty.

    Parameters
    ----------
    layers : mapping of str to geopandas.GeoDataFrame
        The (filtered) layers to show, WGS84.
    output : path-like
        Folder to write.
    everything : mapping of str to geopandas.GeoDataFrame, optional
        All layers (the legend lists their classes, the first view fits the
        pilot counties, stops take their route's colour); default ``layers``.
    lang : {"zh", "en"}
        Language of the interface and popups.
    title : str, optional
        Title shown on the map and in the page; default the viewer's.
    basemap : str
        ``none`` (default, fully offline) or a basemap of :mod:`geo.view.map._basemaps`
        (its tiles then need the network).

    Returns
    -------
    SiteReport

    Raises
    ------
    ExportError
        Empty selection, missing Leaflet files, or an ``output`` that is not a site.
    """
    from geo.crs import shift_to_gcj02
    from geo.view.files import missing_assets
    from geo.view.map import BASEMAPS, is_gcj02

    if basemap != "none" and basemap not in BASEMAPS:
        raise ExportError(f"unknown --basemap {basemap!r}: choose one of {', '.join(BASEMAPS)}")
    everything = everything if everything is not None else layers
    target = Path(output)
    missing = missing_assets()
    if missing:
        raise ExportError(f"the Leaflet files are not installed ({', '.join(missing)}): "
                          "run `npm ci --prefix geo/view/assets`")
    if not any(len(f) for n, f in layers.items() if n not in CONTEXT_LAYERS):
        raise ExportError("nothing to publish: no feature matches the filters (widen them or choose other layers)")
    if target.exists() and (not target.is_dir() or (any(target.iterdir()) and not (target / SITE_MARKER).exists())):
        raise ExportError(f"{str(target)!r} exists and is not a site written by `geo publish`: "
                          "choose an empty or new folder")
    if not target.parent.is_dir():
        raise ExportError(f"folder {str(target.parent)!r} does not exist: create it or choose another --output")
    title = title or text("title", lang)
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    building.chmod(0o755)  # readable by a web server, like any folder made with mkdir
    try:
        (building / "data").mkdir()
        bundle_url = _copy_assets(building / LIB_DIR, lang)
        shutil.copy2(SITE_JS, building / LIB_DIR / "site.js")
        prepared = prepared_layers(layers, lang, everything)
        if is_gcj02(basemap):  # Gaode tiles are in GCJ-02: the features move to sit on them, as in the viewer
            prepared = {name: shift_to_gcj02(frame) for name, frame in prepared.items()}
        (building / FEATURES_JS).write_text(features_script(prepared), encoding="utf-8")
        (building / SEARCH_JS).write_text(search_script(layers, prepared, lang), encoding="utf-8")
        fmap = site_map(layers, prepared, everything, lang, title, bundle_url, basemap)
        fmap.save(str(building / "index.html"))
        counts = {layer: int(len(frame)) for layer, frame in layers.items()}
        (building / "ABOUT.txt").write_text(_about_text(counts, layers, lang), encoding="utf-8")
        (building / SITE_MARKER).write_text("written by python -m geo publish\n", encoding="utf-8")
        _replace_folder(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    return SiteReport(folder=target, counts=counts, total_bytes=size)


def _replace_folder(new: Path, target: Path) -> None:
    """Move ``new`` to ``target``, removing a previous site there (an empty folder or one with the marker)."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
        os.replace(target, old / "site")
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
