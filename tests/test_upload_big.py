"""Big uploads: 200,000 points accepted and drawn, over-limit files refused with the file and the limit named."""

from __future__ import annotations

import json

import pytest

from bench.upload import points_csv, squares_geojson
from geo._errors import UploadError
from geo.upload import MAX_FEATURES, MAX_SHAPES, read_upload
from geo.view.map._data import position_runs as spans
from geo.view.upload._big_layer import BIG_UPLOAD_MIN_FEATURES, upload_data_text

#: The upload panel's own file box (the scan panel has one too).
UPLOAD_INPUT = ".st-key-yq_upload_file [data-testid='stFileUploader'] input[type='file']"

BIG = MAX_FEATURES  # 200,000


@pytest.fixture(scope="module")
def big_csv() -> bytes:
    """A CSV of exactly the point limit."""
    return points_csv(BIG)


def test_limits_are_the_documented_ones() -> None:
    assert (MAX_FEATURES, MAX_SHAPES) == (200_000, 20_000)


def test_200k_points_are_accepted(big_csv: bytes) -> None:
    layer = read_upload("points_200k.csv", big_csv)
    assert len(layer.frame) == BIG
    assert set(layer.frame.geometry.geom_type) == {"Point"}
    assert layer.frame["name"].iloc[-1] == f"点{BIG - 1}"


def test_one_point_over_the_limit_is_refused_naming_file_and_limit() -> None:
    with pytest.raises(UploadError) as caught:
        read_upload("too_many.csv", points_csv(BIG + 1))
    message = " ".join(caught.value.problems)
    assert "too_many.csv" in message and "200,000" in message


def test_polygons_over_their_limit_are_refused_naming_file_and_limit() -> None:
    with pytest.raises(UploadError) as caught:
        read_upload("squares.geojson", squares_geojson(MAX_SHAPES + 1))
    message = " ".join(caught.value.problems)
    assert "squares.geojson" in message and "20,000" in message and "20,001" in message


def test_polygons_at_their_limit_are_accepted() -> None:
    layer = read_upload("squares.geojson", squares_geojson(MAX_SHAPES))
    assert len(layer.frame) == MAX_SHAPES


def test_upload_file_escapes_every_text_and_keeps_every_point() -> None:
    layer = read_upload("x<b>.csv", b"name,lon,lat\n<img src=x onerror=alert(1)>,106.5,28.8\nok,106.6,28.9\n")
    data = json.loads(upload_data_text(layer.frame, "x<b>.csv", "zh"))
    assert data["xy"] == [106.5, 28.8, 106.6, 28.9]
    assert data["values"][0][0] == "&lt;img src=x onerror=alert(1)&gt;"
    assert "<b>" not in data["title"] and "&lt;b&gt;" in data["title"]


def test_spans_are_runs_of_positions() -> None:
    import pandas as pd

    full = pd.Index([10, 11, 12, 13, 14, 15])
    assert spans(full, full) is None
    assert spans(full, pd.Index([11, 12, 15])) == [1, 2, 5, 1]
    assert spans(full, pd.Index([], dtype=int)) == []


@pytest.mark.browser
def test_200k_point_upload_is_drawn(big_csv: bytes, loopback_app_url: str, browser: object, tmp_path) -> None:
    from tests._browser import map_frame, offline_context, shot

    path = tmp_path / "points_200k.csv"
    path.write_bytes(big_csv)
    context = offline_context(browser)
    try:
        page = context.new_page()
        page.goto(f"{loopback_app_url}/?base=none")
        frame = map_frame(page)
        page.get_by_text("上传图层").first.click()
        page.locator(UPLOAD_INPUT).set_input_files(str(path))
        frame.wait_for_function("() => window.yqUpload && window.yqUpload.ready", timeout=240_000, polling=200)
        assert frame.evaluate("() => window.yqUpload.count()") == BIG  # the renderer's data, not DOM nodes
        drawn = frame.evaluate("() => window.yqUpload.drawnItems")
        assert 0 < drawn < 5000  # clustered: a few hundred marks stand for the 200,000 points
        assert BIG >= BIG_UPLOAD_MIN_FEATURES
        # the plan's own layers are still drawn (with their SVG styles) next to the upload's canvas
        assert frame.locator(".leaflet-overlay-pane svg path").count() > 0
        shot(page, tmp_path, "upload_200k.png")
    finally:
        context.close()


def test_sparse_kept_positions_go_as_a_bit_mask() -> None:
    import base64

    import numpy as np
    import pandas as pd

    from geo.view.upload._big_layer import UploadData

    data = UploadData("u.json", "s.js", pd.RangeIndex(10_000) + 5)
    every_7th = data.index[3::7]
    sent = data.spans(every_7th)
    assert isinstance(sent, dict)
    bits = np.unpackbits(np.frombuffer(base64.b64decode(sent["mask"]), dtype=np.uint8), bitorder="little")
    assert np.flatnonzero(bits[:10_000]).tolist() == list(range(3, 10_000, 7)) and not bits[10_000:].any()
    assert len(sent["mask"]) < len(json.dumps(spans(data.index, every_7th)))
    assert data.spans(data.index[100:5000]) == [100, 4900]  # one run is shorter than any mask
    assert data.spans(data.index) is None and data.spans(data.index[:0]) == []


def test_csv_read_by_columns_keeps_values_lines_and_the_bad_line_messages() -> None:
    good = read_upload("ok.csv", b"name,lon,lat,note\n\xe7\x82\xb91,106.5,28.8,a\n,,,\n\xe7\x82\xb92, 106.6 ,28.9\n")
    assert list(good.frame["name"]) == ["点1", "点2"] and list(good.frame["note"]) == ["a", ""]
    assert good.frame.geometry.x.tolist() == [106.5, 106.6]
    with pytest.raises(UploadError) as caught:
        read_upload("bad.csv", b"name,lon,lat\na,106.5,28.8\nb,,28.9\nc,106.7,north\nd,inf,28.9\n")
    message = " ".join(caught.value.problems)
    assert "bad.csv" in message and "line 3: lon is empty" in message
    assert "line 4: lat='north' is not a decimal number" in message and "line 5: lon='inf'" in message


@pytest.mark.browser
def test_big_upload_search_redraws_the_kept_points(loopback_app_url: str, browser: object, tmp_path) -> None:
    """Searched like the plan's layers (pinyin too); a sparse kept set goes as a bit mask, back to all."""
    from tests._browser import map_frame, offline_context, shot

    count = 10_000
    path = tmp_path / "points_10k.csv"
    path.write_bytes(points_csv(count))
    context = offline_context(browser)
    try:
        page = context.new_page()
        page.goto(f"{loopback_app_url}/?base=none")
        frame = map_frame(page)
        page.get_by_text("上传图层").first.click()
        page.locator(UPLOAD_INPUT).set_input_files(str(path))
        holds = "(n) => window.yqUpload && window.yqUpload.ready && window.yqUpload.count() === n"
        frame.wait_for_function(holds, arg=count, timeout=120_000, polling=200)
        search = page.get_by_label("搜索（中文、拼音或英文）")
        for term, kept in (("k3", len(range(3, count, 7))), ("dian12", 111), ("点1", 1111), ("", count)):
            search.fill(term)
            search.press("Enter")
            frame.wait_for_function(holds, arg=kept, timeout=120_000, polling=200)
            if term == "k3":  # every 7th point: a mask, shorter than 1,429 runs
                assert frame.evaluate("() => window.yqUpload._runs.mask !== undefined")
                shot(page, tmp_path, "upload_10k_search_k3.png")
        assert 0 < frame.evaluate("() => window.yqUpload.drawnItems") < 2000
    finally:
        context.close()
