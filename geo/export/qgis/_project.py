"""Private: a QGIS project (``.qgz``) of the layers, with its GeoPackage beside it.

The GeoPackage (:mod:`geo.export._gpkg`, styles included) is written first as
``<stem>.gpkg`` next to ``<stem>.qgz``; the project is then built by real QGIS:
:mod:`geo.export.qgis._driver` run by Debian's ``/usr/bin/python3`` (package
``python3-qgis``) in a subprocess, isolated from this venv.  The project
refers to the GeoPackage by a relative path, so the two files can be moved or
sent together.  Layers are grouped by theme, drawn in the web map's order
(whatever the groups) and styled by the GeoPackage's ``layer_styles``.

The project measures on the WGS 84 ellipsoid in kilometres (``$length`` agrees
with the stored geodesic ``length_km``), its map and A3 layout are drawn in a
projected CRS (:func:`map_crs`: the export's, or CGCS2000 Gauss–Krüger CM 108°E)
so that the scale bar is true, it opens on the pilot zone (:func:`pilot_extent`)
and the layout's legend is sized to stay on the page.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, Final

from geopandas import GeoDataFrame

from geo._errors import ExportError
from geo.boundaries import load_counties
from geo.config import LAYERS, PILOT_COUNTIES, PRECISIONS
from geo.credits import PLAN_SOURCE, attribution_text, layer_credits, layer_metadata
from geo.crs import MEASURING_CRS, OUTPUT_CRSES, OutputCrs
from geo.export._gpkg import gpkg_table_name, write_gpkg

#: The Python that has PyQGIS (Debian ``python3-qgis``).
QGIS_PYTHON: Final[str] = os.environ.get("YUQIAN_QGIS_PYTHON", "/usr/bin/python3")
DRIVER: Final[Path] = Path(__file__).with_name("_driver.py")
#: Longest a QGIS run may take (a cold start of QGIS on a busy machine takes ~10 s).
TIMEOUT_S: Final[float] = 300.0

#: Layer groups of the project (top first), each with its layers (top first).
LAYER_GROUPS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("乡镇与合作 Townships & cooperation", ("townships", "cooperation_links")),
    ("文化旅游 Tourism", ("tourism_stops", "tourism_routes")),
    ("交通与物流 Transport & logistics", ("logistics_parks", "corridors")),
    ("重点项目 Projects", ("projects",)),
    ("行政区划 Boundaries", ("province_border", "boundaries")),
)
MAP_TITLE: Final[str] = "渝黔合作先行示范区规划地图 Chongqing–Guizhou Cooperation Pilot Zone plan map"
LAYOUT_NAME: Final[str] = "规划地图 Plan map (A3)"
#: The project's author (QGIS would write the login name of whoever ran the export).
AUTHOR: Final[str] = "yuqian-geo 渝黔合作先行示范区规划地图"
#: The ellipsoid QGIS measures on: WGS 84, as the stored geodesic lengths (:mod:`geo.geometry`).
ELLIPSOID: Final[str] = "EPSG:7030"


def qgis_available() -> str | None:
    """``None`` when :data:`QGIS_PYTHON` can import PyQGIS, else the reason it cannot."""
    return _probe(QGIS_PYTHON)


@cache
def _probe(python: str) -> str | None:
    try:
        done = subprocess.run([python, "-I", "-c", "import qgis.core"], capture_output=True, text=True,
                              timeout=120, env=_clean_env(), check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"{python} cannot be run: {error}"
    if done.returncode != 0:
        return f"{python} cannot import qgis (install Debian python3-qgis): {done.stderr.strip()[-300:]}"
    return None


def _clean_env() -> dict[str, str]:
    """The environment of a QGIS run: no venv, no PYTHONPATH, offscreen Qt."""
    runtime = Path(tempfile.gettempdir()) / f"yuqian-qgis-runtime-{os.getuid()}"
    runtime.mkdir(mode=0o700, exist_ok=True)
    return {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(runtime)}


def run_driver(command: str, spec: Mapping[str, Any]) -> dict[str, Any]:
    """Run a :mod:`geo.export.qgis._driver` command in real QGIS and return its JSON answer.

    Raises
    ------
    ExportError
        QGIS is missing, or the run failed (its last error lines are shown).
    """
    reason = qgis_available()
    if reason is not None:
        raise ExportError(f"QGIS is needed for this: {reason}")
    with tempfile.TemporaryDirectory(prefix="yuqian-qgis-") as work_dir:
        spec_path = Path(work_dir) / "spec.json"
        spec_path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
        try:
            done = subprocess.run([QGIS_PYTHON, "-I", str(DRIVER), command, str(spec_path)], capture_output=True,
                                  text=True, timeout=TIMEOUT_S, env=_clean_env(), cwd=work_dir, check=False)
        except subprocess.TimeoutExpired as error:
            raise ExportError(f"QGIS {command} took longer than {TIMEOUT_S:.0f} s") from error
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    if done.returncode != 0 or not lines:
        raise ExportError(f"QGIS {command} failed (exit {done.returncode}): {done.stderr.strip()[-800:]}")
    answer: dict[str, Any] = json.loads(lines[-1])
    return answer


def _layer_spec(layer_name: str, frame: GeoDataFrame, crs: OutputCrs) -> dict[str, Any]:
    return {"table": gpkg_table_name(layer_name, crs), **layer_metadata(layer_name, frame, crs.label)}


def project_spec(layers: Mapping[str, GeoDataFrame], crs: OutputCrs, gpkg: Path, output: Path) -> dict[str, Any]:
    """The driver's spec of the project: groups, order, layout texts."""
    specs = {name: _layer_spec(name, frame, crs) for name, frame in layers.items()}
    grouped = {name for _, members in LAYER_GROUPS for name in members}
    groups = [{"title": title, "layers": [specs[name] for name in members if name in specs]}
              for title, members in LAYER_GROUPS]
    extra = [specs[name] for name in specs if name not in grouped]
    if extra:
        groups.insert(0, {"title": "上传 Uploads", "layers": extra})
    drawing_order = [name for name in LAYERS if name in specs] + [name for name in specs if name not in LAYERS]
    credits = [credit for frame in layers.values() for credit in layer_credits(frame)]
    precision_note = "；".join(f"{zh} {en}" for zh, en in PRECISIONS.values())
    shown = map_crs(crs)
    return {
        "gpkg": str(gpkg), "output": str(output), "title": MAP_TITLE, "layout_name": LAYOUT_NAME,
        "legend_title": "图例 Legend", "crs": crs.authority_label, "map_crs": shown.authority_label,
        "ellipsoid": ELLIPSOID, "author": AUTHOR, "pilot_extent": pilot_extent(shown),
        "groups": [group for group in groups if group["layers"]],
        "drawing_order_top_first": [specs[name]["table"] for name in reversed(drawing_order)],
        "sources": (f"资料来源 Sources: {PLAN_SOURCE}.\n"
                    f"坐标 Coordinates: {crs.label}; 地图 Map: {shown.label_zh} {shown.label}; "
                    f"数据 Data: {attribution_text(credits)}.\n"
                    f"定位精度 Precision (空心符号=仅定位到驻地 hollow = placed at a seat only): {precision_note}."),
    }


def map_crs(crs: OutputCrs) -> OutputCrs:
    """The project's and layout's CRS: the export's own when projected, else :data:`geo.crs.MEASURING_CRS`.

    A map drawn in degrees is stretched east–west by 1/cos(latitude) (about 14 %
    here) and its scale bar misreads; the Gauss–Krüger map is true to 0.06 % over the pilot zone.
    """
    return crs if crs.projected else OUTPUT_CRSES[MEASURING_CRS]


def pilot_extent(crs: OutputCrs) -> list[float]:
    """Bounds (xmin, ymin, xmax, ymax) of the pilot zone's counties (:data:`geo.config.PILOT_COUNTIES`) in ``crs``.

    From the shipped county polygons, so the project opens on the pilot zone
    whatever the export holds (a long railway, or no county at all).
    """
    counties = load_counties()
    pilot = counties[counties["name"].isin(PILOT_COUNTIES)]
    return [float(v) for v in pilot.to_crs(crs.epsg).total_bounds]


def write_project(layers: dict[str, GeoDataFrame], crs: OutputCrs, path: Path) -> None:
    """Write ``path`` (a ``.qgz``) and ``path.with_suffix('.gpkg')`` beside it."""
    gpkg = path.with_suffix(".gpkg")
    write_gpkg(layers, crs, gpkg)
    answer = run_driver("project", project_spec(layers, crs, gpkg, path))
    invalid = [layer["name"] for layer in answer["layers"] if not layer["valid"]]
    if invalid or not path.exists():
        raise ExportError("QGIS wrote no usable project", [f"layer {name!r} is not valid" for name in invalid])
