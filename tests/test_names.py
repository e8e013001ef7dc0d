"""Safe names: file names that every system, Windows included, can write."""

from __future__ import annotations

import pytest

from geo._names import WINDOWS_RESERVED, safe_filename


@pytest.mark.parametrize(("name", "safe"), [
    ("CON", "CON_file"),
    ("con.geojson", "con_file.geojson"),
    ("NUL.tar.gz", "NUL_file.tar.gz"),
    ("com1.kml", "com1_file.kml"),
    ("LPT9.csv", "LPT9_file.csv"),
    ("../aux.gpkg", "aux_file.gpkg"),
    ("COM10.kml", "COM10.kml"),  # not reserved
    ("console.kml", "console.kml"),
    ("yuqian_corridors_gcj02.kml", "yuqian_corridors_gcj02.kml"),
])
def test_windows_reserved_device_names_are_made_safe(name: str, safe: str) -> None:
    assert safe_filename(name) == safe
    assert safe_filename(name).partition(".")[0].casefold() not in WINDOWS_RESERVED
