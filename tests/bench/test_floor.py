"""The bench's static floor page (:mod:`bench.floor`): written offline, served on loopback."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from bench.floor import serving, write_floor
from geo.view.files._assets import missing_assets


@pytest.mark.skipif(bool(missing_assets()), reason="npm assets not installed")
def test_floor_page_holds_leaflet_and_the_same_features(tmp_path: Path) -> None:
    features = {"townships": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [106.7, 28.7]},
                               "properties": {"fid": "t", "style": {}, "tip": "赶水镇", "popup": "p"}}]}
    raw = json.dumps(features, ensure_ascii=False).encode("utf-8")
    page = write_floor(tmp_path, raw)
    html = page.read_text(encoding="utf-8")
    assert 'src="leaflet.js"' in html and "http" not in html  # nothing from another host
    assert (tmp_path / "data.json").read_bytes() == raw
    with serving(tmp_path) as url:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url.replace("index.html", "data.json"), timeout=10) as response:
            assert response.read() == raw
