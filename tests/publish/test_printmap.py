"""``python -m geo print``: PNG and PDF of the map, its legend text, styles and errors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
from _paths import ROOT_DIR
from PIL import Image
from shapely.geometry import Point

from geo.cli import main
from geo.publish._print_parts import dash_pattern, line_kwargs, nice_scale_km, point_kwargs
from geo.publish._printmap import map_extent, print_map, render_map
from geo.store import load_layers
from geo.symbology import feature_style

ROOT = ROOT_DIR
LAYERS = ROOT / "layers"

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


def pdf_text(path: Path) -> str:
    """The text of a PDF as ``pdftotext`` (poppler-utils) extracts it."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def map_pixels(path: Path) -> np.ndarray:
    """RGB pixels of the map frame of a printed PNG (the left part, inside the frame)."""
    image = np.asarray(Image.open(path).convert("RGB")).astype(float)
    height, width, _ = image.shape
    return image[int(height * 0.12):int(height * 0.84), int(width * 0.03):int(width * 0.66)]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The whole plan printed once as PNG and once as PDF through the command line."""
    folder = tmp_path_factory.mktemp("print")
    outputs = {"png": folder / "map.png", "pdf": folder / "map.pdf"}
    for path in outputs.values():
        assert main(["print", "--output", str(path), "--layers-dir", str(LAYERS)]) == 0
    return outputs


def test_png_is_a4_landscape_and_the_map_is_not_blank(printed: dict[str, Path]) -> None:
    with Image.open(printed["png"]) as image:
        width, height = image.size
    assert width > height > 1000
    pixels = map_pixels(printed["png"])
    assert pixels.std() > 20  # a blank or single-colour frame has almost none
    assert len(np.unique(pixels.reshape(-1, 3) // 16, axis=0)) > 50


def test_png_uses_the_web_maps_mode_colours(printed: dict[str, Path]) -> None:
    pixels = map_pixels(printed["png"])
    expressway = np.array([0xd7, 0x30, 0x1f], dtype=float)  # geo.config.MODES["expressway"]
    guizhou_town = np.array([0xc6, 0x28, 0x28], dtype=float)  # geo.symbology.PROVINCE_COLOURS["贵州省"]
    for colour in (expressway, guizhou_town):
        close = np.abs(pixels - colour).max(axis=2) < 12
        assert close.sum() > 50


def test_pdf_holds_the_legend_sources_and_notes_as_text(printed: dict[str, Path]) -> None:
    content = printed["pdf"].read_bytes()
    assert content.startswith(b"%PDF")
    text = pdf_text(printed["pdf"])
    for words in ("图例", "Legend", "交通通道", "高速公路", "渝黔合作先行示范区规划地图", "定位精度",
                  "GeoNames (CC BY 4.0)", "公里", "北", "綦江区", "赶水镇"):
        assert words in text, words
    if any("openstreetmap" in str(v).lower() for frame in load_layers(LAYERS).values()
           if "coord_source" in frame for v in frame["coord_source"]):
        assert "© OpenStreetMap contributors (ODbL 1.0)" in " ".join(text.split())  # the footer is wrapped


def test_pdf_page_is_not_blank(printed: dict[str, Path], tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils)")
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(printed["pdf"]), str(tmp_path / "page")],
                   check=True)
    assert map_pixels(tmp_path / "page.png").std() > 20


def test_filters_narrow_the_map_and_its_legend(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "rail.pdf"
    assert main(["print", "--output", str(output), "--layers-dir", str(ROOT / "tests" / "data" / "layers"),
                 "--layer", "corridors", "boundaries", "--mode", "railway", "--lang", "en"]) == 0
    assert "corridors 1" in capsys.readouterr().out
    text = pdf_text(output)
    assert "Railway (1)" in text
    assert "Expressway" not in text
    assert "Corridor mode: railway" in text


@pytest.mark.parametrize("argv, message", [
    (["--output", "map.txt"], "end the --output name in .png or .pdf"),
    (["--output", "map.png", "--search", "no-such-place-xyz"], "nothing to print"),
    (["--output", "map.png", "--layer", "rivers"], "unknown layer"),
])
def test_bad_requests_exit_2_with_a_message_and_no_file(argv: list[str], message: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    argv = [tmp_path / a if a.startswith("map.") else a for a in argv]
    assert main(["print", "--layers-dir", str(ROOT / "tests" / "data" / "layers"), *map(str, argv)]) == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_missing_output_folder_is_a_clear_error(tmp_path: Path) -> None:
    layers = {"townships": gpd.GeoDataFrame({"name": ["甲镇"]}, geometry=[Point(106.6, 28.9)], crs=4326)}
    with pytest.raises(ValueError, match="does not exist"):
        print_map(layers, tmp_path / "absent" / "map.png")


def test_status_dashes_keep_their_proportions_to_the_line() -> None:
    assert dash_pattern(None, 4) == "solid"
    assert dash_pattern("10 6", 4) == (0, (2.5, 1.5))
    construction = line_kwargs(feature_style("corridors", {"mode": "railway", "status": "under_construction"}))
    study = line_kwargs(feature_style("corridors", {"mode": "railway", "status": "under_study"}))
    assert construction["linestyle"] != study["linestyle"] != "solid"
    assert study["color"][3] < construction["color"][3]  # early stages are faded too


def test_seat_only_points_print_hollow_with_a_dashed_ring() -> None:
    site = point_kwargs(feature_style("projects", {"kind": "reservoir", "precision": "site"}))
    county = point_kwargs(feature_style("projects", {"kind": "reservoir", "precision": "county"}))
    assert site["facecolors"][0][3] > 0.5
    assert county["facecolors"][0][3] == 0.0
    assert county["linestyles"] != "solid" and site["linestyles"] == "solid"


def test_default_extent_follows_the_points_not_the_long_corridors() -> None:
    corridor = gpd.GeoDataFrame({"id": ["co"]}, geometry=gpd.GeoSeries.from_wkt(["LINESTRING (104 26, 109 31)"]),
                                crs=4326)
    towns = gpd.GeoDataFrame({"id": ["a", "b"]}, geometry=[Point(106.5, 28.8), Point(106.8, 29.0)], crs=4326)
    minx, miny, maxx, maxy = map_extent({"corridors": corridor, "townships": towns})
    assert 106.3 < minx < 106.5 and 106.8 < maxx < 107.0 and 28.6 < miny < 28.8 and 29.0 < maxy < 29.2


def test_scale_bar_lengths_are_round() -> None:
    assert nice_scale_km(250_000) == 50
    assert nice_scale_km(40_000) in (5, 10)


def test_render_gives_png_bytes_for_the_viewer() -> None:
    towns = gpd.GeoDataFrame({"id": ["tw-a"], "name": ["甲镇"], "name_en": ["Jia"], "province": ["重庆市"],
                              "precision": ["site"]}, geometry=[Point(106.6, 28.9)], crs=4326)
    content = render_map({"townships": towns}, "png", title="测试")
    assert content.startswith(b"\x89PNG")
