"""Download of the filtered selection: the choices offered and the exporter it calls."""

from __future__ import annotations

import json
from pathlib import Path

from geo.export import export_bytes
from geo.filters import Criteria, filter_layers
from geo.store import load_layers
from geo.view.downloads import export_choices

TEST_LAYERS = Path(__file__).parent / "data" / "layers"


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
