"""Download of the filtered selection: the choices offered and the exporter it calls."""

from __future__ import annotations

import json

import pytest
from _paths import DATA

from geo.export import export_bytes
from geo.filters import Criteria, filter_layers
from geo.store import load_layers
from geo.view.download import export_choices

TEST_LAYERS = DATA / "layers"


def test_download_holds_exactly_the_filtered_features() -> None:
    filtered = filter_layers(load_layers(TEST_LAYERS), Criteria(modes=("railway",),
                                                                      layers_on=("corridors", "townships")))
    collection = json.loads(export_bytes(filtered, "geojson", "wgs84")[0])
    assert collection["type"] == "FeatureCollection"
    layers = [f["properties"]["layer"] for f in collection["features"]]
    assert layers.count("corridors") == 1 and layers.count("townships") == 7
    assert collection["features"][0]["properties"]["name"] == "渝贵铁路"


def test_export_choices_start_with_geojson_wgs84() -> None:
    formats, crses = export_choices()
    assert next(iter(formats)) == "geojson"
    assert "wgs84" in crses


def test_exporter_writes_the_filtered_selection() -> None:
    filtered = filter_layers(load_layers(TEST_LAYERS), text="ganshui")
    data, file_name, mime = export_bytes(filtered, "geojson", "wgs84")
    features = json.loads(data)["features"]
    assert len(features) == sum(len(f) for f in filtered.values())
    assert file_name.endswith(".geojson") and "json" in mime


def test_map_image_is_a_png_of_the_filtered_selection() -> None:
    pytest.importorskip("matplotlib")
    import io

    import numpy as np
    from PIL import Image

    from geo.view.download import cached_map_image

    content = cached_map_image(str(TEST_LAYERS), (), Criteria(modes=("railway",)), "zh", None)
    zoomed = cached_map_image(str(TEST_LAYERS), (), Criteria(modes=("railway",)), "zh", (106.5, 28.8, 106.7, 29.0))
    assert zoomed.startswith(b"\x89PNG") and zoomed != content
    assert content.startswith(b"\x89PNG")
    pixels = np.asarray(Image.open(io.BytesIO(content)).convert("L"), dtype=float)
    assert pixels.std() > 10


def test_viewer_offers_the_map_image_download(monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    root = TEST_LAYERS.parent.parent.parent
    monkeypatch.setenv("YUQIAN_LAYERS", str(TEST_LAYERS))
    monkeypatch.chdir(root)
    app = AppTest.from_file(str(root / "app.py"), default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    labels = [button.label for button in app.get("download_button")]
    assert "下载地图图片" in labels and "下载筛选结果" in labels
