"""The viewer's upload: escaped HTML, safe names, filters on copies, export, and the page (AppTest)."""

from __future__ import annotations

import json
from dataclasses import replace

import folium
import geopandas as gpd
import pytest
import shapely
from _paths import DATA, ROOT_DIR

from geo._errors import UploadError
from geo._html import escape_markdown
from geo._names import is_upload_layer_name, safe_filename, safe_stem, upload_layer_name
from geo.export import export_bytes
from geo.filters import Criteria, filter_layers
from geo.store import load_layers
from geo.view.upload._html import (
    group_label,
    legend_rows,
    popup_html,
    prepare_upload,
    table_rows,
    tooltip_html,
    upload_group,
)
from geo.view.upload._panel import UploadView, filter_upload, load_upload, page_upload, problems_markdown

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest

ROOT = ROOT_DIR
TEST_LAYERS = DATA / "layers"
GOOD = DATA / "good_uploads"
PAYLOADS = ("<img src=x onerror=window.__xss=1>", "<script>window.__xss=2</script>", "\" onmouseover=\"x", "' x='")


def _frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"name": ["赶水镇", PAYLOADS[0]], "note": [PAYLOADS[1], "桐梓县"],
                             PAYLOADS[2]: [PAYLOADS[3], ""]},
                            geometry=[shapely.Point(106.6, 28.8), shapely.Point(106.3, 28.9)], crs=4326)


def test_tooltip_popup_and_labels_escape_every_string() -> None:
    frame = _frame()
    columns = list(frame.columns.drop("geometry"))
    html_parts = [tooltip_html(r, columns, "<b>f</b>.geojson", "zh") for r in frame[columns].to_dict("records")]
    html_parts += [popup_html(r, columns, "<b>f</b>.geojson", "en") for r in frame[columns].to_dict("records")]
    html_parts += [group_label("<b>f</b>.geojson", 2, "zh"), legend_rows("<b>f</b>.geojson", 2, "zh")]
    joined = "".join(html_parts)
    for payload in (*PAYLOADS, "<b>f</b>"):
        assert payload not in joined
    assert "&lt;script&gt;window.__xss=2&lt;/script&gt;" in joined
    assert "&lt;img src=x onerror=window.__xss=1&gt;" in joined
    assert "&quot; onmouseover=&quot;x" in joined and "&#x27; x=&#x27;" in joined


def test_prepared_upload_and_group_carry_only_escaped_html() -> None:
    frame = _frame()
    before = frame.copy()
    prepared = prepare_upload(frame, "<i>t</i>.geojson", "zh")
    assert list(prepared.index) == list(frame.index)
    assert prepared["style"].iloc[0]["color"] == "#d81b60"
    fmap = folium.Map()
    upload_group(prepared, "<i>t</i>.geojson", "zh").add_to(fmap)
    rendered = fmap.get_root().render()
    for payload in PAYLOADS[:2]:
        assert payload not in rendered
    assert frame.equals(before)


def test_markdown_escape_disarms_links_images_and_html() -> None:
    escaped = escape_markdown("![x](http://a.example/p.png) [y](javascript:alert(1)) <b>z</b>\n# h")
    assert "](" not in escaped and "<b>" not in escaped and "\n" not in escaped
    assert escaped.startswith("\\!\\[x\\]\\(")
    error = UploadError("cannot use x", ["[a](javascript:1) is bad", "line\n# two"])
    text = problems_markdown(error, "zh")
    assert "无法使用上传的文件" in text and "\\[a\\]\\(javascript\\:1\\)" in text and "\n# two" not in text


@pytest.mark.parametrize(("filename", "layer"), [
    ("towns.geojson", "upload_towns"),
    ("C:\\data\\Towns Map.GeoJSON", "upload_towns_map"),
    ("../../etc/passwd", "upload_passwd"),
    ("线路.kml", "upload_xian_lu"),
    ("<script>alert(1)</script>.csv", "upload_script"),  # "/" ends a folder name
    ("", "upload_file"),
    ("....", "upload_file"),
])
def test_upload_layer_names_are_safe(filename: str, layer: str) -> None:
    assert upload_layer_name(filename) == layer
    assert is_upload_layer_name(layer)


def test_safe_names_keep_only_harmless_characters() -> None:
    assert safe_stem("a/b\\c<d>\"e' f\x00g") == "a_b_c_d_e_f_g"
    assert safe_filename("../../<x>.geojson") == "x.geojson"
    assert safe_filename(".bashrc") == "bashrc"
    assert safe_filename("a" * 300 + ".gpkg").endswith(".gpkg") and len(safe_filename("a" * 300 + ".gpkg")) <= 120
    assert not is_upload_layer_name("roads") and not is_upload_layer_name("upload_../x")


def test_page_upload_is_one_more_layer_or_nothing() -> None:
    nothing = page_upload(None, Criteria())
    assert nothing.layers == {} and nothing.legend_rows("zh") == "" and nothing.table_rows("zh") == []
    assert nothing.map_groups("zh", False) == [] and nothing.token == ""
    layer = load_upload("towns.geojson", (GOOD / "towns.geojson").read_bytes())
    view = UploadView(upload_layer_name(layer.name), layer.name, layer, "file:none")
    shown = page_upload(view, Criteria(text="podu"))
    assert list(shown.layers) == [view.layer_name] and len(shown.layers[view.layer_name]) == 1
    assert 'data-testid="yq-upload-legend"' in shown.legend_rows("en") and shown.token == "file:none"
    assert len(shown.table_rows("zh")) == 1 and len(shown.table_rows("zh")[0]) == 1
    hidden = page_upload(replace(view, shown=False), Criteria())
    assert hidden.layers == {} and hidden.legend_rows("zh") == ""


def test_filters_apply_to_a_copy_and_search_every_attribute() -> None:
    layer = load_upload("towns.geojson", (GOOD / "towns.geojson").read_bytes())
    before = layer.frame.copy()
    assert len(filter_upload(layer.frame, Criteria(text="podu"))) == 1  # pinyin of 坡渡镇
    assert len(filter_upload(layer.frame, Criteria(text="桐梓"))) == 1  # matched in "note"
    assert len(filter_upload(layer.frame, Criteria(text="shifan"))) == 1  # pinyin inside "渝黔合作 <b>示范</b>"
    assert len(filter_upload(layer.frame, Criteria(counties=("綦江区",), modes=("railway",)))) == 2  # no such columns
    kept = filter_upload(layer.frame, Criteria(text=None, layers_on=()))
    kept["name"] = "changed"
    assert layer.frame.equals(before)


def test_shift_choice_moves_points_and_bad_files_raise_upload_error() -> None:
    data = (GOOD / "towns.geojson").read_bytes()
    plain = load_upload("towns.geojson", data)
    shifted = load_upload("towns.geojson", data, "gcj02")
    assert shifted.shifted_from == "gcj02"
    assert 100 < plain.frame.to_crs(32648).distance(shifted.frame.to_crs(32648)).iloc[0] < 1000
    with pytest.raises(UploadError):
        load_upload("x.geojson", b"{}")


def test_export_with_the_plans_layers_under_a_safe_name() -> None:
    layers = load_layers(TEST_LAYERS)
    filtered = filter_layers(layers, text="ganshui")
    upload = load_upload("../My <Towns>.geojson", (GOOD / "towns.geojson").read_bytes())
    name = upload_layer_name(upload.name)
    data, file_name, _ = export_bytes({**filtered, name: upload.frame}, "geojson", "wgs84")
    features = json.loads(data)["features"]
    assert name == "upload_my_towns"
    assert sum(f["properties"]["layer"] == name for f in features) == 2
    assert len(features) == 2 + sum(len(f) for f in filtered.values())
    assert file_name == safe_filename(file_name)
    only, only_name, _ = export_bytes({name: upload.frame}, "gpkg", "gcj02")
    assert only_name == "yuqian_upload_my_towns_gcj02.gpkg" and only[:16] == b"SQLite format 3\x00"


def test_table_rows_follow_the_feature_table() -> None:
    rows = table_rows(_frame(), "t.geojson", "zh")
    assert list(rows.columns)[:3] == ["图层", "名称", "英文名"]
    assert rows.iloc[1, 1] == PAYLOADS[0]  # plain text: Streamlit shows tables as text


@pytest.fixture()
def app(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("YUQIAN_LAYERS", str(TEST_LAYERS))
    monkeypatch.chdir(ROOT)
    test = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    test.run()
    assert not test.exception, test.exception
    return test


def test_app_upload_joins_table_search_township_and_export(app: AppTest) -> None:
    layers = load_layers(TEST_LAYERS)
    cached_before = {name: frame.copy() for name, frame in layers.items()}
    data = (GOOD / "towns.geojson").read_bytes()
    app.file_uploader(key="yq_upload_file").set_value(("towns.geojson", data, "application/geo+json"))
    app.toggle(key="yq_show_table").set_value(True).run()
    assert not app.exception, app.exception
    assert not app.error
    table = next(d.value for d in app.dataframe if "规划出处" in d.value.columns)
    uploaded = table[table["图层"] == "上传 · towns.geojson"]
    assert list(uploaded["名称"]) == ["赶水镇", "坡渡镇"]
    assert app.session_state["yq_counts"] == {n: len(f) for n, f in cached_before.items()}  # plan counts only

    app.text_input(key="yq_text").input("podu").run()
    table = next(d.value for d in app.dataframe if "规划出处" in d.value.columns)
    assert list(table.loc[table["图层"] == "上传 · towns.geojson", "名称"]) == ["坡渡镇"]
    file_name, offered = app.session_state["yq_download_offer"]  # the file itself is made at the click
    assert file_name == "yuqian_layers_wgs84.geojson"
    assert offered["upload_towns"] == 1

    app.text_input(key="yq_text").input("").run()
    app.selectbox(key="yq_township").set_value("tw-002").run()  # 赶水镇, about 13 km from the upload's 赶水镇
    nearby = next(d.value for d in app.dataframe if "距离（公里）" in d.value.columns)
    assert "upload_towns" in set(nearby["图层"])
    for name, frame in load_layers(TEST_LAYERS).items():
        assert frame.equals(cached_before[name])


def test_app_bad_upload_shows_every_problem_without_crashing(app: AppTest) -> None:
    bad = (DATA / "bad_uploads" / "swapped.geojson").read_bytes()
    app.file_uploader(key="yq_upload_file").set_value(("swapped.geojson", bad, "application/geo+json")).run()
    assert not app.exception, app.exception
    assert len(app.error) == 1 and "look swapped" in app.error[0].value
    assert int(app.metric[0].value) == 33  # the plan is still drawn


def test_app_suggests_the_shift_and_applies_it(app: AppTest) -> None:
    hinted = (DATA / "bad_uploads" / "gcj02_hint.geojson").read_bytes()
    app.file_uploader(key="yq_upload_file").set_value(("gcj02_hint.geojson", hinted, "application/geo+json")).run()
    assert not app.exception, app.exception
    assert any("GCJ\\-02" in w.value for w in app.warning)  # Markdown-escaped
    radio = app.radio(key="yq_upload_shift")
    assert "（建议）" in radio.options[1]
    radio.set_value("gcj02").run()
    assert not app.exception, app.exception
    assert any("shifted" in w.value for w in app.warning)


_SEARCHED = gpd.GeoDataFrame(
    {"name": ["赶水镇", "点12", "万佛峡漂流", "Ganshui Town", "", "桐梓县|Tongzi", "点12"],
     "kind": ["k1", "k2", "k1", "", "k3", "k2", "k1"],
     "note": ["渝黔合作 <b>示范</b>", "", "G75兰海高速", "", "", "", "佛影峡"]},
    geometry=[shapely.Point(106.6 + i / 100, 28.8) for i in range(7)], crs=4326)
_QUERIES = ("赶水", "ganshui", "Gan Shui", "Gānshuǐ", "dian12", "点1", "wanfoxia", "foyingxia", "tongzi",
            "桐梓", "k1", "K2", "shifan", "g75lanhai", "<b>", "town", "zzz", "1", "|", " ", "")


def test_upload_search_finds_what_the_plans_search_finds() -> None:
    from geo.search import text_mask
    from geo.view.upload._search import UploadSearch

    columns = ["name", "kind", "note"]
    search = UploadSearch(_SEARCHED, columns)
    for query in _QUERIES:
        expected = text_mask(_SEARCHED, query, columns).to_numpy()
        assert (search.mask(query) == expected).all(), query
    assert search.mask("ganshui").tolist() == [True, False, False, True, False, False, False]
    assert search.mask("tongzi").tolist() == [False, False, False, False, False, True, False]  # a | variant
    assert not UploadSearch(_SEARCHED, ["absent"]).mask("ganshui").any()


def test_filter_upload_with_the_files_search_keys_gives_the_same_rows() -> None:
    from geo.view.upload._search import SearchSlot

    slot = SearchSlot(_SEARCHED, ["name", "kind", "note"])
    for query in _QUERIES:
        with_keys = filter_upload(_SEARCHED, Criteria(text=query or None), search=slot)
        without = filter_upload(_SEARCHED, Criteria(text=query or None))
        assert list(with_keys.index) == list(without.index), query
    kept = filter_upload(_SEARCHED, Criteria(text="dian12"), search=slot)
    assert list(kept.index) == [1, 6]
    kept["name"] = "changed"  # a copy: the upload is left alone
    assert _SEARCHED.loc[1, "name"] == "点12"


def test_search_keys_are_built_once_whoever_asks_first() -> None:
    from geo.view.upload._search import SearchSlot

    slot = SearchSlot(_SEARCHED, ["name"])
    thread = slot.build_in_background()
    assert thread is not None
    first = slot.get()  # waits for the thread rather than building the keys again
    thread.join()
    assert slot.get() is first and slot.build_in_background() is None
    assert first.mask("ganshui").sum() == 2
