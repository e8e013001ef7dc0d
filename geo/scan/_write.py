"""Private: the scanner's outputs — GeoJSON (RFC 7946, null geometries), the review CSV and the HTML report.

The review CSV has every column of ``seeds/*.csv`` (the union, in the schemas' order) after a
``file`` column naming the seeds file a row belongs in, and then the review's own columns
(``change``, ``old_status``, ``record_id``, ``precision``, ``document``, ``section``, ``start``, ``end``,
``quote``): a reviewer keeps the rows to accept and copies the seeds columns of each into its file.
Rows of known records start from the record (its ``source`` gains the new citation, its
``status`` the document's); new rows get a proposed id, a pinyin English name and a templated
summary that says it is to be reviewed — never copied text.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import geopandas as gpd
from pypinyin import lazy_pinyin

from geo import config
from geo._csvschema import load_schema
from geo._errors import ScanError
from geo._geojson import dumps_feature_collection
from geo._html import escape_text

#: The scanner's kind -> seeds file kind (``place``: villages and sites without a records file).
KIND_FILES: dict[str, str] = {
    "township": "townships", "corridor": "corridors", "tourism_route": "tourism_routes",
    "tourism_stop": "tourism_stops", "logistics": "logistics", "project": "projects",
}
_PREFIX = {"townships": "tw", "corridors": "co", "tourism_routes": "rt", "tourism_stops": "st", "logistics": "lg",
           "projects": "pj"}
REVIEW_EXTRA: tuple[str, ...] = ("change", "old_status", "record_id", "precision", "in_area", "document", "section",
                                 "start", "end", "quote")
KIND_LABELS: dict[str, tuple[str, str]] = {
    "township": ("乡镇（街道）", "Township"), "corridor": ("交通通道", "Corridor"),
    "tourism_route": ("旅游线路", "Tourism route"), "tourism_stop": ("旅游线路站点", "Tourism stop"),
    "logistics": ("商贸物流", "Logistics"), "project": ("项目", "Project"), "place": ("地点（村、社区）", "Place"),
}
CHANGE_LABELS: dict[str, tuple[str, str]] = {
    "new": ("新增", "new"), "same": ("已有", "same"), "status_changed": ("状态变化", "status changed"),
}


def review_columns() -> list[str]:
    """``file``, the union of the seeds files' columns (schema order), then the review's own columns."""
    seen: list[str] = ["file"]
    for kind in config.RECORD_FILES:
        for column in load_schema(kind)["properties"]:
            if column not in seen:
                seen.append(column)
    return seen + [c for c in REVIEW_EXTRA if c not in seen]


@lru_cache(maxsize=4096)
def _slug(name: str) -> str:
    syllables = [re.sub(r"[^a-z0-9]", "", s.lower()) for s in lazy_pinyin(re.sub(r"[（(].*?[）)]", "", name))]
    return "-".join(s for s in syllables if s)[:48].strip("-") or "x"


@lru_cache(maxsize=4096)
def _english(name: str, kind: str) -> str:
    words = "".join(lazy_pinyin(re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", name))).capitalize()
    return f"{words} ({KIND_LABELS.get(kind, ('', kind))[1]})"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return config.LIST_SEP.join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def review_rows(features: gpd.GeoDataFrame, records: dict[str, dict[str, Any]]) -> list[dict[str, str]]:
    """One review row per found feature (see the module's docstring); ``records``: record id -> seeds row."""
    columns = review_columns()
    rows: list[dict[str, str]] = []
    for feat in features.drop(columns=features.geometry.name).to_dict("records"):
        file_kind = KIND_FILES.get(str(feat["kind"]), "")
        row = dict.fromkeys(columns, "")
        row["file"] = config.RECORD_FILES.get(file_kind, "")
        record = records.get(str(feat["record_id"] or ""))
        cite = str(feat["source"])
        if record is not None:
            row.update({k: _cell(v) for k, v in record.items() if k in row})
            sources = row["source"].split(config.LIST_SEP) if row["source"] else []
            row["source"] = config.LIST_SEP.join([*sources, cite] if cite not in sources else sources)
            if feat["change"] == "status_changed":
                row["status"] = str(feat["status"])
        else:
            status = str(feat["status"] or "")
            row.update(id=f"{_PREFIX.get(file_kind, 'lc')}-{_slug(str(feat['name']))}", name=str(feat["name"]),
                       name_en=_english(str(feat["name"]), str(feat["kind"])), status=status,
                       province=str(feat["province"] or ""), county=str(feat["county"] or ""),
                       township=str(feat["township"] or ""), source=cite, via=str(feat["via"] or ""),
                       summary=f"扫描《{feat['document']}》{feat['section'] or ''}所得的"
                               f"{KIND_LABELS[str(feat['kind'])][0]}，状态"
                               f"{config.STATUSES.get(status, ('未写明',))[0]}；待核实后改写摘要",
                       summary_en=f"Found by the scanner in {feat['document']} {feat['section'] or ''}; "
                                  f"status {config.STATUSES.get(status, ('', 'not stated'))[1]}; to be reviewed.")
            sub = str(feat["sub_kind"] or "")
            if file_kind == "corridors":
                row["mode"] = sub
            elif file_kind == "townships":
                row["level"] = sub
            elif file_kind in ("logistics", "projects"):
                row["kind"] = sub
            elif file_kind == "tourism_stops":
                row["seq"] = _cell(feat["seq"])
        for column in REVIEW_EXTRA:
            row[column] = _cell(feat.get(column))
        rows.append(row)
    return rows


def review_csv_text(rows: Iterable[dict[str, str]]) -> str:
    """The review CSV as text (UTF-8 with a BOM added when written, for spreadsheet programs)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=review_columns(), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def geojson_text(features: gpd.GeoDataFrame) -> str:
    """RFC 7946 FeatureCollection text of the found features (null geometry where a feature is not placed)."""
    return dumps_feature_collection(features, "scan")


def _highlight(quote: str, name: str, words: str = "") -> str:
    """The quote, escaped, with the name marked and the words its status was read from marked apart.

    A reviewer checks a status against its words: marked in the sentence they are found at a glance, and
    a word not in the sentence (read from a heading or the sentence before) is visibly absent.
    """
    spans: list[tuple[int, int, str]] = []
    at = quote.find(name) if name else -1
    if at >= 0:
        spans.append((at, at + len(name), "<mark>"))
    for word in filter(None, words.replace("…", config.LIST_SEP).split(config.LIST_SEP)):  # 推进…建设: two parts
        found = quote.find(word)
        while found >= 0 and any(lo < found + len(word) and found < hi for lo, hi, _ in spans):
            found = quote.find(word, found + 1)
        if found >= 0:
            spans.append((found, found + len(word), '<mark class="w">'))
    out, last = [], 0
    for lo, hi, tag in sorted(spans):
        out += [escape_text(quote[last:lo], 2000), tag, escape_text(quote[lo:hi], 500), "</mark>"]
        last = hi
    return "".join(out) + escape_text(quote[last:], 2000)


def _count_table(title: str, counts: Counter, labels: dict[str, tuple[str, str]]) -> str:
    rows = "".join(f"<tr><td>{escape_text(labels.get(k, (k, k))[0])} / {escape_text(labels.get(k, (k, k))[1])}</td>"
                   f"<td>{n}</td></tr>" for k, n in sorted(counts.items()))
    return f"<h2>{title}</h2><table><tr><th>类别 / kind</th><th>数量 / count</th></tr>{rows}</table>"


def _status_cell(feature: dict[str, Any]) -> str:
    """The status in Chinese, with the words it was read from under it (``依据 / from: 贯通``)."""
    label = escape_text(config.STATUSES.get(str(feature["status"]), ("",))[0])
    words = str(feature.get("status_words") or "")
    return f"{label}<br><small>依据 / from: {escape_text(words, 200)}</small>" if words and label else label


def report_html(features: gpd.GeoDataFrame, documents: list[tuple[str, str, int]],
                unmentioned: list[dict[str, str]]) -> str:
    """A readable report: documents, counts by kind and by change, each feature with its quote, unmentioned records."""
    props = features.drop(columns=features.geometry.name).to_dict("records")
    docs = "".join(f"<li>{escape_text(name)} ({escape_text(enc)}, {chars:,} 字符 / characters)</li>"
                   for name, enc, chars in documents)
    items = []
    for f in props:
        change = CHANGE_LABELS.get(str(f["change"]), (str(f["change"]), ""))[0]
        if f["change"] == "status_changed":
            change += f"（{escape_text(f['old_status'])} → {escape_text(f['status'])}）"
        items.append(
            "<tr>" + "".join(f"<td>{c}</td>" for c in (
                escape_text(f["name"]), escape_text(KIND_LABELS.get(str(f["kind"]), (f["kind"],))[0]),
                _status_cell(f), escape_text(change),
                escape_text(f["record_id"]), escape_text(config.PRECISIONS.get(str(f["precision"]), ("未定位",))[0]),
                escape_text(f"{f['document']} {f['section']}"),
                _highlight(str(f["quote"]), str(f["name"]), str(f.get("status_words") or "")))) + "</tr>")
    missing = "".join(f"<tr><td>{escape_text(r['id'])}</td><td>{escape_text(r['name'])}</td>"
                      f"<td>{escape_text(r['file'])}</td><td>{escape_text(r['status'])}</td></tr>" for r in unmentioned)
    style = ("body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin:.5em 0}"
             "td,th{border:1px solid #ccc;padding:.2em .4em;vertical-align:top;font-size:90%}mark{background:#ffe08a}"
             "mark.w{background:#cde7ff}")
    return (
        "<!DOCTYPE html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>文件扫描报告 / Scan report</title>"
        f"<style>{style}</style></head><body><h1>文件扫描报告 / Scan report</h1><ul>{docs}</ul>"
        f"<p>{len(props)} 个要素 / features found.</p>"
        f"<p><strong>{escape_text(config.SCAN_STATUS_CAUTION[0])}</strong><br>{escape_text(config.SCAN_STATUS_CAUTION[1])}</p>"
        + _count_table("按类别 / by kind", Counter(str(f["kind"]) for f in props), KIND_LABELS)
        + _count_table("按变化 / by change", Counter(str(f["change"]) for f in props), CHANGE_LABELS)
        + "<h2>要素 / features</h2><table><tr><th>名称 / name</th><th>类别 / kind</th><th>状态 / status</th>"
          "<th>变化 / change</th><th>记录 / record</th><th>定位 / precision</th><th>出处 / section</th>"
          f"<th>原文 / quote</th></tr>{''.join(items)}</table>"
        + f"<h2>文件未提及的地图记录 / records of the map not mentioned ({len(unmentioned)})</h2>"
          f"<table><tr><th>id</th><th>名称 / name</th><th>文件 / file</th><th>状态 / status</th></tr>{missing}</table>"
        + "</body></html>\n")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(files: dict[Path, str], bom: Iterable[Path] = ()) -> list[Path]:
    """Write every file through a temporary file beside it, then move them all in place."""
    staged: list[tuple[Path, Path]] = []
    bom_set = set(bom)
    folders = [str(p) for p in files if p.is_dir()]
    if folders:
        raise ScanError(f"output {folders[0]!r} is a folder; give a file name (nothing was written)")
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, tmp_name = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
            with os.fdopen(handle, "w", encoding="utf-8-sig" if path in bom_set else "utf-8", newline="") as out:
                out.write(text)
            os.chmod(tmp_name, 0o666 & ~_umask())  # mkstemp makes 0600; give the files the usual mode
            staged.append((Path(tmp_name), path))
        for tmp, path in staged:
            os.replace(tmp, path)
    finally:
        for tmp, _ in staged:
            if tmp.exists():
                tmp.unlink()
    return list(files)
