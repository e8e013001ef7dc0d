"""``python -m geo export``: argument parsing, filters, errors and exit codes."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pyogrio
import pytest

from geo.export.cli import add_export_parser, run_export

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "export_layers"


def run(argv: list[str]) -> int:
    """Parse ``argv`` with a parser holding only the export subcommand, then run it."""
    parser = argparse.ArgumentParser(prog="python -m geo")
    add_export_parser(parser.add_subparsers(dest="command", required=True))
    return run_export(parser.parse_args(["export", "--layers-dir", str(DATA), *argv]))


def test_exports_all_layers_to_one_geopackage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "all.gpkg"
    assert run(["--layer", "all", "--format", "gpkg", "--crs", "cgcs2000", "--output", str(output)]) == 0
    tables = {row[0] for row in pyogrio.list_layers(output)}
    assert {"corridors", "townships", "boundaries", "tourism_stops"} <= tables
    assert "wrote" in capsys.readouterr().out


def test_repeated_and_multi_valued_layer_options(tmp_path: Path) -> None:
    output = tmp_path / "two.geojson"
    assert run(["--layer", "corridors", "--layer", "projects", "townships", "--format", "geojson",
                "--output", str(output)]) == 0
    frame = pyogrio.read_dataframe(output)
    assert set(frame["layer"]) == {"corridors", "projects", "townships"}


def test_county_filter_keeps_lines_crossing_the_county(tmp_path: Path) -> None:
    output = tmp_path / "tongzi.csv"
    assert run(["--layer", "corridors", "townships", "--format", "csv", "--county", "桐梓县",
                "--output", str(output)]) == 0
    frame = pyogrio.read_dataframe(output)
    assert set(frame["id"]) == {"co-yugui-hsr", "tw-songkan"}


def test_mode_status_and_cross_border_filters(tmp_path: Path) -> None:
    output = tmp_path / "hsr.kml"
    assert run(["--layer", "corridors", "--format", "kml", "--crs", "gcj02", "--mode", "high_speed_rail",
                "expressway", "--status", "existing", "--cross-border", "--output", str(output)]) == 0
    assert not output.exists()  # the name says the CRS: hsr_gcj02.kml
    assert list(pyogrio.read_dataframe(tmp_path / "hsr_gcj02.kml", layer="corridors")["id"]) == ["co-yugui-hsr"]


def test_route_filter_gives_one_gpx_route_with_its_stops(tmp_path: Path) -> None:
    output = tmp_path / "red.gpx"
    assert run(["--layer", "tourism_routes", "tourism_stops", "--format", "gpx", "--route", "rt-red",
                "--output", str(output)]) == 0
    assert list(pyogrio.read_dataframe(output, layer="routes")["name"]) == ["红色文化旅游线"]
    assert list(pyogrio.read_dataframe(output, layer="route_points")["name"]) == ["綦江博物馆", "土城古镇", "习水县城"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--layer", "roads", "--format", "kml"], "'roads'"),
        (["--layer", "all", "--format", "kmz"], "'kmz'"),
        (["--layer", "all", "--format", "kml", "--crs", "bd09"], "'bd09'"),
        (["--layer", "corridors", "--format", "kml", "--search", "不存在的名字xyz"], "nothing to export"),
    ],
)
def test_errors_exit_non_zero_with_a_clear_message_and_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    output = tmp_path / "out.file"
    assert run([*argv, "--output", str(output)]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_exits_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--layer", "all", "--format", "csv", "--output", str(tmp_path / "no" / "x.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_missing_layers_folder_exits_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    add_export_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["export", "--layer", "all", "--format", "csv", "--layers-dir", str(tmp_path),
                              "--output", str(tmp_path / "x.csv")])
    assert run_export(args) == 2
    assert "python -m geo build" in capsys.readouterr().err


def test_python_dash_m_geo_export_runs_end_to_end(tmp_path: Path) -> None:
    output = tmp_path / "corridors.zip"
    result = subprocess.run(
        [sys.executable, "-m", "geo", "export", "--layer", "corridors", "--format", "shp", "--crs", "gcj02",
         "--layers-dir", str(DATA), "--output", str(output)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert pyogrio.read_info(f"/vsizip/{output}/corridors_gcj02.shp")["features"] == 3


def test_a_name_that_says_the_crs_is_kept(tmp_path: Path) -> None:
    assert run(["--layer", "corridors", "--format", "geojson", "--crs", "cgcs2000",
                "--output", str(tmp_path / "plan_CGCS2000.geojson")]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["plan_CGCS2000.geojson"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--layer", "all", "--format", "postgis"], "needs --dsn"),
        (["--layer", "all", "--format", "gpkg"], "needs --output"),
        (["--layer", "all", "--format", "qgz", "--output", "plan.gpkg"], "plan.qgz"),
        (["--layer", "all", "--format", "postgis", "--crs", "gcj02", "--dsn", "postgresql://x@127.0.0.1:1/d"],
         "GCJ-02 has none"),
        (["--layer", "all", "--format", "postgis", "--db-mode", "merge", "--dsn", "postgresql://x@127.0.0.1:1/d"],
         "'merge'"),
    ],
)
def test_project_and_database_targets_are_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    argv = [str(tmp_path / a) if a.endswith(".gpkg") else a for a in argv]
    assert run(argv) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_postgis_from_the_command_line(fresh_postgis_dsn: str, capsys: pytest.CaptureFixture[str]) -> None:
    import psycopg

    assert run(["--layer", "corridors", "townships", "--format", "postgis", "--crs", "cgcs2000",
                "--dsn", fresh_postgis_dsn]) == 0
    assert "corridors 3" in capsys.readouterr().out
    assert run(["--layer", "corridors", "--format", "postgis", "--db-mode", "append", "--dsn", fresh_postgis_dsn]) == 2
    assert "nothing was written" in capsys.readouterr().err
    with psycopg.connect(fresh_postgis_dsn) as conn:
        assert conn.execute("SELECT count(*), min(ST_SRID(geometry)) FROM corridors").fetchone() == (3, 4490)


def test_a_shapefile_zip_named_shp_is_refused_naming_the_zip(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--layer", "corridors", "--format", "shp", "--output", str(tmp_path / "plan.shp")]) == 2
    assert "name it plan.zip" in capsys.readouterr().err and list(tmp_path.iterdir()) == []
    assert run(["--layer", "corridors", "--format", "shp", "--output", str(tmp_path / "plan.zip")]) == 0


def test_new_formats_and_projected_crs_from_the_command_line(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--layer", "all", "--format", "fgb", "--crs", "cgcs2000_cm108", "--output",
                str(tmp_path / "plan.fgb")]) == 0
    assert pyogrio.read_info(tmp_path / "plan.fgb")["crs"] == "EPSG:4545" and "EPSG:4545" in capsys.readouterr().out
    assert run(["--layer", "corridors", "--format", "parquet", "--output", str(tmp_path / "c.parquet")]) == 0
    assert run(["--layer", "corridors", "--format", "csv", "--crs", "utm48n", "--output", str(tmp_path / "c.csv")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.parquet", "c_utm48n.csv", "c_utm48n.csvt", "plan.fgb"]
    assert run(["--layer", "corridors", "--format", "kml", "--crs", "utm48n", "--output", str(tmp_path / "c.kml")]) == 2
    assert "longitude/latitude only" in capsys.readouterr().err
