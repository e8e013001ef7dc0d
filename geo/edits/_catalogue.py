"""What an edit may touch: the plan's features and area, and the checks of an edit's values.

The catalogue is read from the built layers (``layers/`` by default): every
feature id with its layer, geometry type, county and plan values, and the
county polygons of the ``boundaries`` layer, which are the plan's area.  The
checks return a list of problems (never raise) so that a caller collects
every problem of a form or a file before raising once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from geo import config
from geo._edit_values import edit_text_problem, is_status_date

#: Precision classes a moved point / a redrawn line may be given (one home: geo.config).
POINT_PRECISIONS = config.EDIT_POINT_PRECISIONS
LINE_PRECISIONS = config.EDIT_LINE_PRECISIONS

#: A point may sit this far outside its county polygon (degrees, ~100 m), as in geo.validate.
EDGE_TOLERANCE_DEG = 0.001
#: A redrawn line may reach this far beyond the plan's area or its plan line's extent (degrees).
LINE_MARGIN_DEG = 0.5

_SKIPPED_LAYERS = ("boundaries", "province_border")


@dataclass(frozen=True)
class PlanFeature:
    """One feature of the plan as built: what an edit is checked against."""

    feature_id: str
    layer: str
    name: str
    geometry_type: str
    county: str
    geometry: dict
    precision: str
    status: str | None
    coord_source: str


@dataclass(frozen=True)
class Catalogue:
    """The plan's features by id and its area (county polygons by name)."""

    features: dict[str, PlanFeature]
    counties: dict[str, BaseGeometry]
    area: BaseGeometry

    def check_feature(self, feature_id: str, layer: str | None) -> tuple[PlanFeature | None, list[str]]:
        """The feature of ``feature_id`` and the problems of naming it (unknown id, wrong layer)."""
        feature = self.features.get(feature_id)
        if feature is None:
            return None, [f"unknown feature id {feature_id!r}: use the id of a plan feature (e.g. pj-zaodu-reservoir)"]
        if layer is not None and layer != feature.layer:
            return feature, [f"feature {feature_id!r} is in layer {feature.layer!r}, not {layer!r}"]
        return feature, []

    def check_geometry(self, feature: PlanFeature, geometry: Any, precision: Any) -> list[str]:
        """Problems of moving ``feature`` to the GeoJSON ``geometry`` with ``precision``."""
        allowed = POINT_PRECISIONS if feature.geometry_type == "Point" else LINE_PRECISIONS
        problems = []
        if precision not in allowed:
            problems.append(f"{feature.feature_id}: precision {precision!r} is not one of {', '.join(allowed)} "
                            f"(classes of geo/config.py PRECISIONS for a {feature.geometry_type})")
        try:
            geom = shape(geometry)
        except Exception as exc:  # shapely raises several types for bad GeoJSON
            return [*problems, f"{feature.feature_id}: geometry is not valid GeoJSON ({exc})"]
        if geom.geom_type != feature.geometry_type:
            return [*problems, f"{feature.feature_id}: a {feature.layer} feature needs a {feature.geometry_type}, "
                               f"not a {geom.geom_type}"]
        coords = shapely.get_coordinates(geom)
        if len(coords) == 0 or not all(math.isfinite(v) for v in coords.ravel()):
            return [*problems, f"{feature.feature_id}: coordinates must be finite numbers"]
        if any(not (-180 <= lon <= 180 and -90 <= lat <= 90) for lon, lat in coords):
            return [*problems, f"{feature.feature_id}: coordinates must be lon/lat in WGS84 degrees "
                               f"(lon -180..180, lat -90..90); swapped or projected?"]
        if geom.geom_type == "LineString" and len({tuple(c) for c in coords}) < 2:
            return [*problems, f"{feature.feature_id}: a line needs at least two distinct points"]
        if len(coords) > config.EDIT_LINE_MAX_VERTICES:
            return [*problems, f"{feature.feature_id}: {len(coords):,} vertices, at most "
                               f"{config.EDIT_LINE_MAX_VERTICES:,}: simplify the line"]
        return problems + self._check_place(feature, geom)

    def _check_place(self, feature: PlanFeature, geom: BaseGeometry) -> list[str]:
        if geom.geom_type == "Point":
            polygon = self.counties.get(feature.county)
            where = feature.county if polygon is not None else "the plan's area"
            polygon = polygon if polygon is not None else self.area
            if polygon.distance(geom) > EDGE_TOLERANCE_DEG:
                return [f"{feature.feature_id}: point ({geom.x:.6f}, {geom.y:.6f}) is outside {where}; "
                        f"give lon, lat (WGS84) of a place inside it"]
            return []
        if not geom.intersects(self.area):
            return [f"{feature.feature_id}: the line does not touch the plan's area (counties of layers/boundaries)"]
        minx, miny, maxx, maxy = shapely.union(self.area, shape(feature.geometry)).bounds
        outside = [(x, y) for x, y in shapely.get_coordinates(geom)
                   if not (minx - LINE_MARGIN_DEG <= x <= maxx + LINE_MARGIN_DEG
                           and miny - LINE_MARGIN_DEG <= y <= maxy + LINE_MARGIN_DEG)]
        if outside:
            return [f"{feature.feature_id}: vertex ({outside[0][0]:.6f}, {outside[0][1]:.6f}) lies far outside the "
                    f"plan's area and the plan's line ({len(outside)} vertex/vertices)"]
        return []

    @staticmethod
    def check_status(feature: PlanFeature, status: Any, status_date: Any) -> list[str]:
        """Problems of recording ``status`` effective ``status_date`` on ``feature``."""
        problems = []
        if feature.status is None:
            problems.append(f"{feature.feature_id}: features of layer {feature.layer!r} have no status")
        if status not in config.STATUSES:
            problems.append(f"{feature.feature_id}: unknown status {status!r}: use one of {', '.join(config.STATUSES)}")
        if not is_status_date(status_date):
            low, high = config.STATUS_DATE_YEARS
            problems.append(f"{feature.feature_id}: status date {status_date!r} must be YYYY, YYYY-MM or YYYY-MM-DD, "
                            f"a day that exists in a year {low}-{high} (e.g. 2026-06 or 2026-06-30)")
        return problems


def check_text(feature_id: str, label: str, value: Any, *, required: bool) -> list[str]:
    """Problems of a free-text value (source, note): text, non-empty when required, within the edit limits.

    The limits and the characters allowed are those of the edit panel
    (:func:`geo._edit_values.edit_text_problem`): at most
    :data:`geo.config.EDIT_TEXT_MAX_CHARS` characters, no NUL or other control
    character, no lone surrogate, line breaks in a note only.  Leading and
    trailing spaces do not count (the store keeps the text stripped, as the
    panel sends it).
    """
    if not isinstance(value, str):
        return [f"{feature_id}: {label} must be text, not {type(value).__name__}"]
    if required and not value.strip():
        return [f"{feature_id}: {label} is empty: say where the correction comes from "
                f"(e.g. '现场核实 2026-11', '规划图4-1', a document or page address)"]
    problem = edit_text_problem(value.strip(), multiline=label == "note")
    return [f"{feature_id}: {label}: {problem}"] if problem else []


def round_geometry(geometry: dict) -> dict:
    """The GeoJSON geometry with coordinates rounded as in ``layers/`` (:data:`geo.config.COORD_DECIMALS`)."""
    from geo._geojson import geometry_to_dict

    rounded = geometry_to_dict(shape(geometry))
    assert rounded is not None  # checked non-empty before
    return rounded


def load_catalogue(folder: Path | None = None) -> Catalogue:
    """The catalogue of the layers in ``folder`` (default :func:`geo.config.layers_dir`), cached per file times."""
    folder = Path(folder or config.layers_dir()).resolve()
    stamp = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*.geojson")))
    return _load_catalogue(folder, stamp)


def _edit_type(geometry: BaseGeometry | None) -> str:
    """The geometry an edit of this feature gives: a point for a point of unknown position
    (no geometry) or over several townships (MultiPoint), else the feature's own type."""
    if geometry is None or geometry.is_empty or geometry.geom_type == "MultiPoint":
        return "Point"
    return str(geometry.geom_type)


@lru_cache(maxsize=4)
def _load_catalogue(folder: Path, stamp: tuple) -> Catalogue:
    from geo._geojson import geometry_to_dict
    from geo.store import load_layers

    layers = load_layers(folder)
    features = {}
    for layer, frame in layers.items():
        if layer in _SKIPPED_LAYERS:
            continue
        for row in frame.itertuples(index=False):
            status = getattr(row, "status", None) if "status" in frame.columns else None
            features[row.id] = PlanFeature(
                feature_id=row.id, layer=layer, name=str(getattr(row, "name", "") or ""),
                geometry_type=_edit_type(row.geometry), county=str(getattr(row, "county", "") or ""),
                geometry=geometry_to_dict(row.geometry) or {}, precision=str(getattr(row, "precision", "") or ""),
                status=str(status) if status is not None else None,
                coord_source=str(getattr(row, "coord_source", "") or ""),
            )
    boundaries = layers["boundaries"]
    counties = {str(row.name): row.geometry for row in boundaries.itertuples(index=False)}
    return Catalogue(features=features, counties=counties, area=shapely.union_all(list(counties.values())))
