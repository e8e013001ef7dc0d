"""Build: determinism, --check, atomic writes, and the contract of layers/."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo._errors import GeocodeError, LayerError
from geo.build import run_build
from geo.cli import main


def _build(mini_dir: Path, seeds: Path, out: Path, check: bool = False):
    return run_build(check=check, seeds=seeds, output=out, gazetteer=mini_dir / "gazetteer.csv",
                     counties=mini_dir / "counties.geojson")


def test_build_is_deterministic(tmp_path: Path, mini_dir: Path, mini_seeds: Path) -> None:
    out = tmp_path / "layers"
    _build(mini_dir, mini_seeds, out)
    first = {p.name: p.read_bytes() for p in out.glob("*.geojson")}
    _build(mini_dir, mini_seeds, out)
    second = {p.name: p.read_bytes() for p in out.glob("*.geojson")}
    assert first == second and len(first) == 9


def test_check_detects_stale_layers(tmp_path: Path, mini_dir: Path, mini_seeds: Path) -> None:
    out = tmp_path / "layers"
    _build(mini_dir, mini_seeds, out)
    assert _build(mini_dir, mini_seeds, out, check=True).stale == []
    path = mini_seeds / "projects.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("测试水库", "测试水库二"), encoding="utf-8")
    assert _build(mini_dir, mini_seeds, out, check=True).stale == ["projects.geojson: differs from a fresh build"]
    (out / "extra.geojson").write_text("{}", encoding="utf-8")
    (out / "townships.geojson").unlink()
    stale = _build(mini_dir, mini_seeds, out, check=True).stale
    assert "townships.geojson: missing" in stale and "extra.geojson: not produced by the build" in stale


def test_failed_build_leaves_layers_untouched(tmp_path: Path, mini_dir: Path, mini_seeds: Path) -> None:
    out = tmp_path / "layers"
    _build(mini_dir, mini_seeds, out)
    before = {p.name: p.read_bytes() for p in out.glob("*.geojson")}
    path = mini_seeds / "corridors.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("赶水镇|坡渡镇@桐梓县", "赶水镇|火星镇"), encoding="utf-8")
    with pytest.raises(GeocodeError, match=r"corridors.csv:2 id='co-test-road' place '火星镇'"):
        _build(mini_dir, mini_seeds, out)
    assert {p.name: p.read_bytes() for p in out.glob("*.geojson")} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["layers", "seeds"]


def test_point_outside_its_county_fails_validation(tmp_path: Path, mini_dir: Path, mini_seeds: Path) -> None:
    path = mini_seeds / "projects.csv"
    # the record claims 綦江区 but names a town of 桐梓县
    claimed = path.read_text(encoding="utf-8").replace("贵州省,桐梓县,,", "重庆市,綦江区,坡渡镇@桐梓县,")
    path.write_text(claimed, encoding="utf-8")
    with pytest.raises(LayerError, match="outside its county '綦江区'"):
        _build(mini_dir, mini_seeds, tmp_path / "layers")


def test_committed_layers_are_current() -> None:
    """`python -m geo build --check` passes on the committed layers/."""
    proc = subprocess.run([sys.executable, "-m", "geo", "build", "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "layers/ is up to date" in proc.stdout


def test_cli_reports_bad_records_with_exit_code(tmp_path: Path, mini_seeds: Path, capsys) -> None:
    path = mini_seeds / "corridors.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("fast_road", "hyperloop"), encoding="utf-8")
    assert main(["build", "--check", "--seeds", str(mini_seeds), "--output", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "corridors.csv:2" in err and "'hyperloop'" in err


def test_layer_files_follow_rfc7946(project_root: Path) -> None:
    for path in sorted((project_root / "layers").glob("*.geojson")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert doc["type"] == "FeatureCollection" and "crs" not in doc, path.name
        for feature in doc["features"]:
            geom = feature["geometry"]
            if geom is None:  # RFC 7946 §3.2: an unlocated feature's geometry is null
                assert feature["properties"]["precision"] == "unknown", f"{path.name}: null geometry, placed"
                continue
            _assert_decimals(geom["coordinates"], path.name)
            if geom["type"] in ("Polygon", "MultiPolygon"):
                polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
                for rings in polys:
                    assert _signed_area(rings[0]) > 0, f"{path.name}: exterior ring not counter-clockwise"
                    for hole in rings[1:]:
                        assert _signed_area(hole) < 0, f"{path.name}: hole not clockwise"


def _assert_decimals(coords, name: str) -> None:
    if coords and isinstance(coords[0], (int, float)):
        lon, lat = coords[:2]
        assert 97 < lon < 112 and 24 < lat < 33, f"{name}: {coords} is not lon/lat in the region"
        for value in coords:
            text = repr(value)
            assert len(text.split(".")[1]) <= 7 if "." in text else True, f"{name}: {value} has > 7 decimals"
        return
    for part in coords:
        _assert_decimals(part, name)


def _signed_area(ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2
