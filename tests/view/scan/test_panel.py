"""The viewer's document-scanner panel: escaped map layer coloured by change, table, downloads, accept (AppTest)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import folium
import pytest
from _paths import DATA, ROOT_DIR

from geo._errors import ScanError
from geo.config import SCAN_CHANGES
from geo.scan import ScanResult, geojson_text, review_columns, review_csv_text
from geo.store import load_layers
from geo.symbology import SCAN_COLOURS
from geo.view.edit import trail_table
from geo.view.scan import accept_note, accept_source, accept_status, scan_upload, status_changes
from geo.view.scan._html import legend_rows, prepare_scan, results_table, scan_group
from geo.view.scan._panel import document_name

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest

ROOT = ROOT_DIR
LAYERS = ROOT / "layers"  # the plan's built layers: the scanner matches the seeds' record ids
NEWS = DATA / "scan" / "news.docx"
EDITOR, PASSWORD = "li_planner", "a long enough passphrase 2026"
#: A small report: a status change (安习高速), two new features (one outside the area: no position),
#: one known township, and markup in the text.
SMALL = ("第一章 交通\n一、道路\n安习高速加快建设。推进黔江区正阳街道商贸物流园建设，规划綦江北渡新区物流园。"
         "<b>石角镇</b>与赶水镇结对。\n")


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> ScanResult:
    return scan_upload("../报道 <small>.txt", SMALL.encode("utf-8"), LAYERS)


def test_the_document_keeps_its_name_without_folders_or_control_characters() -> None:
    assert document_name("C:\\tmp\\新闻 报道.docx") == "新闻 报道.docx"
    assert document_name("../../etc/x\x00\n.txt") == "x.txt"
    assert document_name("") == "document.txt"
    assert len(document_name("长" * 300 + ".pdf")) == 120


def test_an_unknown_format_or_a_bad_file_names_the_users_file(tmp_path: Path) -> None:
    with pytest.raises(ScanError, match=r"table\.xlsx: unknown document format '\.xlsx'"):
        scan_upload("table.xlsx", b"PK", LAYERS)
    with pytest.raises(ScanError) as caught:
        scan_upload("空文件.txt", b"", LAYERS)
    assert "空文件.txt" in str(caught.value) and "yq-scan-" not in str(caught.value)  # not the temporary path


def test_the_map_layer_holds_the_placed_features_coloured_by_change_and_escaped(small: ScanResult) -> None:
    features = small.features
    assert set(features["change"]) == set(SCAN_CHANGES)  # new, status_changed, same
    assert features.geometry.isna().sum() == 1  # 黔江区… is outside the area: no position
    prepared = prepare_scan(features, "zh")
    assert len(prepared) == len(features) - 1
    for change, style in zip(prepared["change"], prepared["style"], strict=True):
        assert SCAN_COLOURS[change] in (style.get("fillColor"), style.get("color"))
    popups = "".join(prepared["popup"])
    assert "<b>石角镇</b>" not in popups and "&lt;b&gt;石角镇&lt;/b&gt;" in popups  # the quote, escaped
    assert "状态变化" in popups and "推进开工建设 → 在建" in popups
    fmap = folium.Map()
    scan_group(prepared, "<i>small</i>.txt", "en").add_to(fmap)
    rendered = fmap.get_root().render()
    assert "<i>small</i>" not in rendered and "<b>石角镇</b>" not in rendered
    legend = legend_rows("<i>x</i>.txt", small.counts("change"), "zh")
    assert "<i>x</i>" not in legend and all(label in legend for label in ("新增", "状态变化", "相同"))
    assert all(colour in legend for colour in SCAN_COLOURS.values())


def test_the_table_keeps_the_unplaced_features_and_the_quotes_as_text(small: ScanResult) -> None:
    table = results_table(small.features, "zh")
    assert len(table) == len(small.features)
    unplaced = table[table["名称"] == "黔江区正阳街道商贸物流园"]
    assert list(unplaced["定位精度"]) == ["位置不明"] and list(unplaced["变化"]) == ["新增"]
    assert any("<b>石角镇</b>" in q for q in table["原文"])  # plain text: Streamlit shows cells as text
    assert set(table["出处"]) == {"报道 <small>.txt 第一章 一、"}
    english = results_table(small.features, "en")
    assert {"Status changed", "New", "Same"} == set(english["Change"]) and "position unknown" in set(
        english["Precision"])


def test_the_table_puts_name_change_and_status_first_for_a_phone(small: ScanResult) -> None:
    assert list(results_table(small.features, "zh").columns[:3]) == ["名称", "变化", "状态"]
    assert list(results_table(small.features, "en").columns[:3]) == ["Name", "Change", "Status"]
    assert list(results_table(small.features, "en").columns)[-1] == "Quote"  # the longest, last


def test_the_table_and_the_popup_show_the_words_a_status_was_read_from(small: ScanResult) -> None:
    table = results_table(small.features, "en").set_index("Name")
    assert table.loc["安习高速", "Status words"] == "加快建设"  # what to check the lead against
    assert table.loc["石角镇", "Status words"] == ""
    assert list(results_table(small.features, "zh").columns[3:4]) == ["状态依据"]
    popups = prepare_scan(small.features, "zh")["popup"]
    assert any("<th>状态依据</th><td>加快建设</td>" in p for p in popups)


def test_the_downloads_are_the_scanners_own_outputs(small: ScanResult) -> None:
    collection = json.loads(geojson_text(small.features))
    assert len(collection["features"]) == len(small.features)
    assert sum(f["geometry"] is None for f in collection["features"]) == 1
    csv_text = review_csv_text(small.review)
    assert csv_text.splitlines()[0].split(",") == review_columns()
    assert len(csv_text.strip().splitlines()) == 1 + len(small.review)


@pytest.fixture()
def store(app_store: Callable[[Path], Any]) -> Any:
    """A fresh embedded store with one editor, checked against the plan's layers (``tests/view/conftest.py``)."""
    edit_store = app_store(LAYERS)
    edit_store.add_user(EDITOR, PASSWORD, "editor")
    return edit_store


def test_accepting_a_status_change_goes_into_the_audit_trail(small: ScanResult, store: Any) -> None:
    from geo.edits import EditConflict, EditNotAllowed

    changes = status_changes(small.features, load_layers(LAYERS))
    assert list(changes["record_id"]) == ["co-anxi-exp"] and list(changes["layer"]) == ["corridors"]
    record = changes.iloc[0].to_dict()
    assert accept_source(record) == "报道 <small>.txt 第一章 一、"
    with pytest.raises(EditNotAllowed):
        accept_status(store, record, "corridors", "2026-11", user="nobody", base_version=0)
    edit = accept_status(store, record, "corridors", "2026-11", user=EDITOR, base_version=0)
    assert (edit.field, json.loads(edit.new_value), edit.source) == ("status", "under_construction",
                                                                       "报道 <small>.txt 第一章 一、")
    assert "安习高速加快建设。" in edit.note and edit.note == accept_note(record)
    trail = trail_table(store.edits("co-anxi-exp"), "zh")
    assert list(trail["来源"]) == [edit.source] and "在建 (under_construction)" in list(trail["新值"])
    with pytest.raises(EditConflict):  # someone saved it since the editor's version 0
        accept_status(store, record, "corridors", "2026-12", user=EDITOR, base_version=0)
    assert len(store.edits("co-anxi-exp")) == 1


def test_an_editor_corrects_a_misread_status_before_saving_it(small: ScanResult, store: Any) -> None:
    record = status_changes(small.features, load_layers(LAYERS)).iloc[0].to_dict()
    assert record["status"] == "under_construction"
    edit = accept_status(store, record, "corridors", "2026-11", user=EDITOR, base_version=0, status="existing")
    assert json.loads(edit.new_value) == "existing" and edit.source == accept_source(record)
    assert "安习高速加快建设。" in edit.note  # the quote stays the evidence
    assert "read by the scanner as under_construction" in edit.note
    assert "corrected by the editor to existing" in edit.note
    assert accept_note(record, "under_construction") == accept_note(record)  # saved as read: no correction noted


def _app() -> AppTest:
    test = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    test.run()
    assert not test.exception, test.exception
    return test


def test_app_scans_a_document_into_a_layer_a_table_and_downloads(store: Any) -> None:
    test = _app()
    test.file_uploader(key="yq_scan_file").set_value((NEWS.name, NEWS.read_bytes(), "application/octet-stream"))
    test.run()
    assert not test.exception, test.exception
    assert not test.error
    table = next(d.value for d in test.dataframe if "原文" in d.value.columns)
    assert list(table["名称"]) == ["安习高速", "渝赤叙高速", "赶水镇", "坡渡镇", "藻渡水库", "獐狮坝水库"]
    assert list(table["变化"]).count("状态变化") == 2
    assert any("6 个要素 · 新增 0 · 状态变化 2 · 相同 4" in m.value for m in test.markdown)
    assert any(c.value.startswith("状态由程序从文字中读出") for c in test.caption)  # statuses are leads to check
    assert any(c.value == "登录编辑后可把状态变化存入修改记录。" for c in test.caption)  # no session: no form
    assert "yq_scan_accept_button" not in {b.key for b in test.button}
    assert store.edits() == []


def test_app_shows_the_scanners_message_for_a_bad_file(store: Any) -> None:
    test = _app()
    test.file_uploader(key="yq_scan_file").set_value(("空.txt", b"", "text/plain")).run()
    assert not test.exception, test.exception
    assert len(test.error) == 1 and "空\\.txt" in test.error[0].value and "empty" in test.error[0].value
    assert int(test.metric[0].value) > 0  # the plan is still drawn


def test_app_signed_in_editor_accepts_a_status_change(store: Any) -> None:
    import time

    from geo.view.edit._session import SESSION_KEY, EditSession

    test = _app()
    stamp = store.account(EDITOR).stamp  # a session is bound to the account and its credential version
    test.session_state[SESSION_KEY] = EditSession(EDITOR, "editor", time.time() + 3600, stamp)
    test.file_uploader(key="yq_scan_file").set_value((NEWS.name, NEWS.read_bytes(), "application/octet-stream"))
    test.run()
    assert not test.exception, test.exception
    pick = test.selectbox(key="yq_scan_accept_pick")
    assert len(pick.options) == 2  # 安习高速 and 藻渡水库
    test.button(key="yq_scan_accept_button").click().run()  # no date yet: refused
    assert any("YYYY" in e.value for e in test.error) and store.edits() == []
    test.text_input(key="yq_scan_accept_date").input("2026-11")
    test.button(key="yq_scan_accept_button").click().run()
    assert not test.exception, test.exception
    (edit,) = store.edits()
    assert edit.user == EDITOR and edit.source == "news.docx 第一章第一节 一、" and edit.feature_id == "co-anxi-exp"
    trail = next(d.value for d in test.dataframe if "来源" in d.value.columns)
    assert list(trail["来源"]) == ["news.docx 第一章第一节 一、"]


def test_app_editor_saves_a_corrected_status(store: Any) -> None:
    import time

    from geo.view.edit._session import SESSION_KEY, EditSession

    test = _app()
    stamp = store.account(EDITOR).stamp
    test.session_state[SESSION_KEY] = EditSession(EDITOR, "editor", time.time() + 3600, stamp)
    test.file_uploader(key="yq_scan_file").set_value((NEWS.name, NEWS.read_bytes(), "application/octet-stream"))
    test.run()
    chosen = test.selectbox(key="yq_scan_accept_pick").value
    status = test.selectbox(key=f"yq_scan_accept_status_{chosen}")
    assert status.value == "under_construction"  # the scanner's reading is offered first
    assert status.format_func("existing") == "已建成 (existing)"  # the label and its code
    status.set_value("existing")
    test.text_input(key="yq_scan_accept_date").input("2026-11")
    test.button(key="yq_scan_accept_button").click().run()
    assert not test.exception, test.exception
    (edit,) = store.edits()
    assert json.loads(edit.new_value) == "existing" and "corrected by the editor to existing" in edit.note
