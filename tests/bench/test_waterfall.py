"""The benchmark's waterfall (bench/waterfall.py) read from a synthetic set of timing entries."""

from __future__ import annotations

import math

from bench.waterfall import format_waterfall, phases, phases_from_rows, waterfall_rows


def _resource(name: str, start: float, end: float, size: int = 1000) -> dict:
    return {"name": name, "type": "resource", "initiator": "script", "start": start, "end": end, "size": size}


#: A viewer's cold load: top page on origin 1000, the map iframe's clock starts 900 ms later.
VIEWER = {
    "origin": 1000.0,
    "entries": [
        {"name": "http://127.0.0.1:1/", "type": "navigation", "start": 0.0, "end": 40.0, "size": 1500},
        _resource("http://127.0.0.1:1/static/js/index.abc.js", 50.0, 300.0, 500_000),
        _resource("http://127.0.0.1:1/static/css/index.abc.css", 45.0, 120.0, 20_000),
        {**_resource("http://127.0.0.1:1/component/streamlit_folium.st_folium/index.html?streamlitUrl=x",
                     880.0, 910.0), "initiator": "iframe"},
        _resource("http://127.0.0.1:1/_stcore/health", 400.0, 410.0, 100),
    ],
    "frames": [{
        "title": "streamlit_folium.st_folium", "origin": 1900.0,
        "entries": [
            {"name": "http://127.0.0.1:1/component/streamlit_folium.st_folium/index.html", "type": "navigation",
             "start": 0.0, "end": 10.0, "size": 800},
            _resource("http://127.0.0.1:1/component/streamlit_folium.st_folium/static/js/main.1.js", 15.0, 80.0),
            _resource("http://127.0.0.1:1/component/geo.view.files._assets.offline_bundle/leaflet-zh-1.js",
                      100.0, 180.0),
            _resource("http://127.0.0.1:1/component/geo.view.files._assets.offline_assets/leaflet/dist/leaflet.css",
                      100.0, 150.0),
            _resource("http://127.0.0.1:1/component/geo.view.map._data.map_data/abc.json", 190.0, 400.0, 300_000),
        ],
    }, {"title": "other", "origin": 1500.0, "entries": []}],
    "ws": [{"url": "ws://127.0.0.1:1/_stcore/stream", "created": 320.0, "open": 360.0, "first": 370.0,
            "map": 850.0, "messages": 12}],
    "painted": 1450.0,
}
#: The static floor: one page, Leaflet and the features file, no websocket, no iframe.
FLOOR = {
    "origin": 5.0,
    "entries": [
        {"name": "http://127.0.0.1:2/index.html", "type": "navigation", "start": 0.0, "end": 8.0, "size": 900},
        _resource("http://127.0.0.1:2/leaflet.css", 10.0, 20.0),
        _resource("http://127.0.0.1:2/leaflet.js", 10.0, 60.0),
        _resource("http://127.0.0.1:2/data.json", 80.0, 200.0, 300_000),
    ],
    "frames": [],
    "ws": [],
    "painted": 360.0,
}


def test_viewer_phases_in_load_order_on_the_top_clock() -> None:
    rows = {p.name: p for p in phases(VIEWER)}
    assert list(rows) == ["html", "streamlit bundle", "websocket", "script run -> map sent", "component iframe",
                          "streamlit-folium js", "leaflet + plugins", "features file", "first painted frame"]
    assert (rows["html"].start_ms, rows["html"].end_ms) == (0.0, 40.0)
    assert (rows["streamlit bundle"].start_ms, rows["streamlit bundle"].end_ms) == (45.0, 300.0)
    assert rows["streamlit bundle"].requests == 2 and rows["streamlit bundle"].bytes == 520_000
    assert (rows["websocket"].start_ms, rows["websocket"].end_ms) == (320.0, 360.0)
    assert (rows["script run -> map sent"].start_ms, rows["script run -> map sent"].end_ms) == (370.0, 850.0)
    assert rows["component iframe"].end_ms == 910.0
    # iframe entries are moved by the difference of the time origins (900 ms)
    assert (rows["streamlit-folium js"].start_ms, rows["streamlit-folium js"].end_ms) == (915.0, 980.0)
    assert (rows["leaflet + plugins"].start_ms, rows["leaflet + plugins"].end_ms) == (1000.0, 1080.0)
    assert rows["leaflet + plugins"].requests == 2
    assert (rows["features file"].start_ms, rows["features file"].end_ms) == (1090.0, 1300.0)
    assert rows["first painted frame"].end_ms == 1450.0


def test_floor_phases_and_ratios() -> None:
    floor = phases(FLOOR)
    assert [p.name for p in floor] == ["html", "leaflet + plugins", "features file", "first painted frame"]
    assert {p.name: p.end_ms for p in floor} == {"html": 8.0, "leaflet + plugins": 60.0, "features file": 200.0,
                                                 "first painted frame": 360.0}
    text = format_waterfall(phases(VIEWER), floor, "synthetic")
    paint_line = next(line for line in text.splitlines() if line.startswith("first painted frame"))
    assert paint_line.split()[-1] == f"{1450 / 360:.1f}x"
    websocket_line = next(line for line in text.splitlines() if line.startswith("websocket"))
    assert websocket_line.split()[-1] == f"{360 / 360:.1f}x*"  # no websocket in the floor: / its first paint


def test_rows_round_trip_and_missing_entries() -> None:
    rows = waterfall_rows(VIEWER)
    assert [p.name for p in phases_from_rows(rows)] == [p.name for p in phases(VIEWER)]
    assert waterfall_rows({}) == []
    # a socket that never opened and a map message never seen: NaN ends, the rows stay
    raw = {**VIEWER, "ws": [{"url": "ws://x/_stcore/stream", "created": 300.0, "open": None, "first": 310.0,
                            "map": None, "messages": 1}], "painted": None}
    got = {p.name: p for p in phases(raw)}
    assert math.isnan(got["websocket"].end_ms) and math.isnan(got["script run -> map sent"].end_ms)
    assert "first painted frame" not in got


def test_the_preview_gets_its_own_rows_after_the_html() -> None:
    preview_frame = {"title": "preview", "origin": 1100.0, "entries": [
        {"name": "about:srcdoc", "type": "navigation", "start": 0.0, "end": 5.0, "size": 0},
        _resource("http://127.0.0.1:1/component/geo.view.files._assets.offline_bundle/leaflet-zh-1.js", 10.0, 200.0),
        _resource("http://127.0.0.1:1/component/geo.view.map._data.map_data/abc.json", 20.0, 250.0, 300_000),
    ]}
    raw = {**VIEWER, "frames": [*VIEWER["frames"], preview_frame], "preview": 420.0}
    rows = {p.name: p for p in phases(raw)}
    assert list(rows)[:5] == ["html", "preview page", "preview: leaflet", "preview: features", "preview painted"]
    assert (rows["preview: features"].start_ms, rows["preview: features"].end_ms) == (120.0, 350.0)  # top clock
    assert rows["preview painted"].end_ms == 420.0
    assert rows["first painted frame"].end_ms == 1450.0  # the live map's, as before
    assert "preview painted" in format_waterfall(phases(raw), phases(FLOOR))
