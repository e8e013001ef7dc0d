"""Private Shapefile writer: one zip, one shapefile per layer, nothing lost.

The DBF format limits what a shapefile can hold, so each limit is handled and
written down in ``field_names.csv`` inside the zip:

* field names have at most 10 characters: long names are shortened
  (``cross_border`` -> ``cross_bord``) and made unique; the mapping file lists
  every field of every shapefile with its DBF name (renamed or not);
* text values have at most 254 bytes: a longer value is cut at a character
  boundary in the DBF, and the full text goes to ``<shapefile>_long_text.csv``
  (``id``, field, text), noted in the mapping file;
* one geometry type per shapefile: a layer mixing points, lines and polygons
  (``boundaries`` may hold the provincial border line) is split into
  ``<layer>_point``, ``<layer>_line``, ``<layer>_polygon``.

Each shapefile has a ``.cpg`` saying UTF-8, a ``.prj`` (ESRI WKT of its CRS, or
a GEOGCS named GCJ-02; GCJ-02 shapefile names end in ``_gcj02``) and a ``.qml``:
the web map's style and the fields' ``中文 English`` aliases on the DBF names,
which QGIS loads by itself when it opens the shapefile.  ``data_dictionary.csv``
(UTF-8 with BOM, for Excel) gives every field of every shapefile its DBF name,
label, type, unit, definition, allowed values and source
(:mod:`geo.export._dictionary`).
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Final

import pyogrio
from geopandas import GeoDataFrame

from geo._csvsafe import SafeWriter
from geo.crs import OutputCrs
from geo.export._dictionary import DICTIONARY_HEADER, dictionary_row
from geo.export._qml import qml_document
from geo.export._styles import StyleRule, layer_style
from geo.export._values import column_kind, plain_value, property_columns

#: Longest DBF field name, and longest DBF text value in bytes.
DBF_NAME_MAX: Final[int] = 10
DBF_TEXT_MAX_BYTES: Final[int] = 254

MAPPING_FILE: Final[str] = "field_names.csv"
#: The data dictionary of the zip's fields (:mod:`geo.export._dictionary`), with their DBF names.
DICTIONARY_FILE: Final[str] = "data_dictionary.csv"
MAPPING_HEADER: Final[tuple[str, ...]] = ("shapefile", "layer", "field", "dbf_field", "type", "note")

_FAMILIES: Final[dict[str, str]] = {
    "Point": "point", "MultiPoint": "point",
    "LineString": "line", "MultiLineString": "line", "LinearRing": "line",
    "Polygon": "polygon", "MultiPolygon": "polygon",
}


def dbf_field_names(columns: list[str]) -> dict[str, str]:
    """Map each column to a unique DBF field name of at most 10 ASCII characters.

    Names that fit are kept; longer ones are cut, and a clash (compared
    without case, as DBF readers do) gets a numeric suffix.
    """
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for column in columns:
        base = re.sub(r"[^0-9A-Za-z_]", "_", column)[:DBF_NAME_MAX] or "field"
        candidate, number = base, 1
        while candidate.lower() in taken:
            suffix = f"_{number}"
            candidate = base[: DBF_NAME_MAX - len(suffix)] + suffix
            number += 1
        taken.add(candidate.lower())
        mapping[column] = candidate
    return mapping


def cut_utf8(text: str, max_bytes: int = DBF_TEXT_MAX_BYTES) -> str:
    """The longest prefix of ``text`` that fits in ``max_bytes`` of UTF-8."""
    encoded = text.encode("utf-8")
    if len(encoded) <= max_bytes:
        return text
    return encoded[:max_bytes].decode("utf-8", errors="ignore")


def _split_by_family(layer_name: str, frame: GeoDataFrame) -> dict[str, GeoDataFrame]:
    """Shapefile base name -> the features of one geometry family.

    A feature without geometry (a null shape, which shapefiles hold) stays with
    the first family of its layer rather than making a shapefile of its own.
    """
    kinds = frame.geometry.geom_type
    families = kinds.map(lambda kind: _FAMILIES.get(kind, "other"), na_action="ignore")
    present = sorted(families.dropna().unique())
    if len(present) <= 1:
        return {layer_name: frame}
    families = families.fillna(present[0])
    return {f"{layer_name}_{family}": frame[families == family] for family in present}


def _write_one(
    name: str, layer_name: str, frame: GeoDataFrame, folder: Path
) -> tuple[list[list[str]], list[Path]]:
    """Write one shapefile; return its mapping rows and the files to zip."""
    columns = property_columns(frame)
    names = dbf_field_names(columns)
    out = frame.copy()
    rows: list[list[str]] = []
    long_texts: list[list[str]] = []
    for column in columns:
        kind = column_kind(frame, column)
        notes = [] if names[column] == column else [f"renamed from {column!r} (DBF names have at most 10 characters)"]
        if kind == "str":
            texts = [None if t is None else str(t) for t in (plain_value(v) for v in frame[column])]
            cut = [None if t is None else cut_utf8(t) for t in texts]
            ids = [plain_value(v) for v in frame["id"]] if "id" in frame else list(range(len(frame)))
            for feature_id, full, short in zip(ids, texts, cut, strict=True):
                if full is not None and full != short:
                    long_texts.append([str(feature_id), column, full])
            overflow = sum(1 for full, short in zip(texts, cut, strict=True) if full != short)
            if overflow:
                notes.append(
                    f"{overflow} value(s) longer than {DBF_TEXT_MAX_BYTES} bytes cut; "
                    f"full text in {name}_long_text.csv"
                )
            out[column] = cut
        elif kind == "bool":
            out[column] = [plain_value(v) for v in frame[column]]
        rows.append([name, layer_name, column, names[column], kind, "; ".join(notes)])
    out = out.rename(columns=names)
    kinds = [str(k) for k in frame.geometry.geom_type.dropna()]
    geometry_family = {_FAMILIES.get(k, "other") for k in kinds} or {"point"}
    multi = any(k.startswith("Multi") for k in kinds)
    pyogrio.write_dataframe(
        out,
        folder / f"{name}.shp",
        driver="ESRI Shapefile",
        promote_to_multi=multi or geometry_family != {"point"},
        layer_options={"ENCODING": "UTF-8"},
    )
    (folder / f"{name}.qml").write_text(_qml(layer_name, frame, names), encoding="utf-8")
    files = sorted(p for p in folder.iterdir() if p.stem == name)
    if long_texts:
        long_path = folder / f"{name}_long_text.csv"
        with long_path.open("w", encoding="utf-8", newline="") as handle:
            writer = SafeWriter(handle)  # cells neutralised against formulas (geo._csvsafe)
            writer.writerow(["id", "field", "text"])
            writer.writerows(long_texts)
        files.append(long_path)
    return rows, files


def _renamed(rule: StyleRule, names: dict[str, str]) -> StyleRule:
    return replace(rule, match=tuple((names.get(c, c), v) for c, v in rule.match),
                   children=tuple(_renamed(child, names) for child in rule.children))


def _qml(layer_name: str, frame: GeoDataFrame, names: dict[str, str]) -> str:
    """The layer's QGIS style (:mod:`geo.export._qml`) on its DBF field names: QGIS loads ``<name>.qml`` with it."""
    style = layer_style(layer_name, frame)
    dbf = replace(
        style, rules=tuple(_renamed(rule, names) for rule in style.rules),
        label_field=names.get(style.label_field, style.label_field) if style.label_field else None,
        aliases={names.get(c, c): alias for c, alias in style.aliases.items()},
        value_maps={names.get(c, c): codes for c, codes in style.value_maps.items()},
    )
    return qml_document(dbf, [names[c] for c in property_columns(frame)])


def write_shapefile_zip(layers: dict[str, GeoDataFrame], crs: OutputCrs, path: Path) -> None:
    """Write a zip of shapefiles (one per layer) plus ``field_names.csv``."""
    suffix = "_gcj02" if crs.epsg is None else ""
    mapping_rows: list[list[str]] = []
    with tempfile.TemporaryDirectory(prefix="shp-", dir=path.parent) as work_dir:
        folder = Path(work_dir)
        files: list[Path] = []
        for layer_name, frame in layers.items():
            for base_name, part in _split_by_family(layer_name, frame).items():
                rows, written = _write_one(base_name + suffix, layer_name, part, folder)
                mapping_rows += rows
                files += written
        mapping_path = folder / MAPPING_FILE
        with mapping_path.open("w", encoding="utf-8", newline="") as handle:
            writer = SafeWriter(handle)  # an upload's column names are the user's text
            writer.writerow(MAPPING_HEADER)
            writer.writerows(mapping_rows)
        dictionary_path = folder / DICTIONARY_FILE
        with dictionary_path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = SafeWriter(handle)  # the dictionary quotes field names from uploads too
            writer.writerow(("shapefile", "dbf_field", *DICTIONARY_HEADER))
            writer.writerows([row[0], row[3], *dictionary_row(row[1], row[2])] for row in mapping_rows)
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for file in [*files, mapping_path, dictionary_path]:
                archive.write(file, arcname=file.name)
