"""Regenerate the binary files of this corpus (zips, a renamed image, junk bytes).

Run from anywhere: ``python tests/data/bad_uploads/make_binary.py``.  The text
files of the corpus are written by hand; these few need a program.  The output
is deterministic (fixed zip timestamps), so re-running leaves git clean.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pyogrio
import shapely

HERE = Path(__file__).resolve().parent
STAMP = (2024, 1, 1, 0, 0, 0)


def _zip(path: Path, members: dict[str, bytes]) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, payload in members.items():
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, payload)
    path.write_bytes(buf.getvalue())


def _shapefile_parts(frame: gpd.GeoDataFrame, stem: str) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        pyogrio.write_dataframe(frame, Path(tmp) / f"{stem}.shp", encoding="UTF-8")
        return {p.name: p.read_bytes() for p in sorted(Path(tmp).iterdir())}


def main() -> None:
    """Write every binary file of the corpus."""
    points = gpd.GeoDataFrame({"name": ["赶水镇", "坡渡镇"]},
                              geometry=[shapely.Point(106.6, 28.8), shapely.Point(106.3, 28.9)], crs=4326)
    good = _shapefile_parts(points, "towns")
    _zip(HERE / "zip_slip.zip", {f"../../{n}": b for n, b in good.items()})
    _zip(HERE / "absolute_path.zip", {f"/tmp/{n}": b for n, b in good.items()})
    _zip(HERE / "zip_bomb.zip", {**good, "towns_padding.dbf": b"\0" * 2_000_000})
    _zip(HERE / "no_shp.zip", {"readme.txt": b"the shapefile was forgotten\n"})
    _zip(HERE / "missing_dbf.zip", {n: b for n, b in good.items() if not n.endswith(".dbf")})
    projected = gpd.GeoDataFrame({"name": ["赶水镇"]}, geometry=[shapely.Point(500123.5, 3186000.2)], crs=None)
    _zip(HERE / "projected_no_prj.zip", _shapefile_parts(projected, "towns_utm"))
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
    (HERE / "screenshot.geojson").write_bytes(png)
    (HERE / "pdf_named.gpkg").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (HERE / "binary_junk.csv").write_bytes(bytes(range(256)) * 4)
    (HERE / "bare.shp").write_bytes(good["towns.shp"])


if __name__ == "__main__":
    main()
