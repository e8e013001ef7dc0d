"""Time to a map that answers (:mod:`bench.answer`): the box toggled once usable, the answer timed when painted."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bench.ab import answer_summary
from bench.answer import ColdAnswer, answer_from, answer_watch_js
from bench.browser import CHROMIUM
from bench.run import format_table

needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed")

#: A stand-in page: the box comes disabled at 150 ms and is enabled at 300 ms; its click "draws"
#: three features 40 ms later.  With ``PREVIEW``, a preview box (an iframe with its own map of
#: one feature) sits over the page until the click, then shows three features 20 ms later.
_PAGE = """<!doctype html><html><head><meta charset="utf-8"></head><body>
<div id="bar"></div>
PREVIEW
<script>
window.map = {_layers: {1: {_leaflet_id: 1, feature: {}}}};
setTimeout(() => {
  document.getElementById("bar").innerHTML =
    '<label><input type="checkbox" disabled><span>仅显示跨省（渝黔）要素</span></label>';
}, 150);
setTimeout(() => {
  const input = document.querySelector("#bar input");
  input.disabled = false;
  input.addEventListener("click", () => setTimeout(() => {
    for (const id of [2, 3]) window.map._layers[id] = {_leaflet_id: id, feature: {}};
  }, 40));
}, 300);
</script></body></html>"""
_PREVIEW = """<div id="yq-preview"><iframe id="yq-preview-frame" srcdoc="<script>
window.map = {_layers: {7: {_leaflet_id: 7, feature: {}}}};
parent.document.addEventListener('click', () => setTimeout(() => {
  for (const id of [8, 9]) window.map._layers[id] = {_leaflet_id: id, feature: {}};
}, 20), true);
</script>"></iframe></div>"""


def _open(browser: object, body: str, expected: int) -> dict:
    page = browser.new_page()
    try:
        page.route("http://stand.in/**",
                   lambda route: route.fulfill(body=body, content_type="text/html; charset=utf-8"))
        page.add_init_script(answer_watch_js(expected, limit_ms=10_000))
        page.goto("http://stand.in/")
        done = page.wait_for_function("() => { const a = window.__yqAnswer; return a && a.painted !== null && a; }",
                                      timeout=10_000, polling=50)
        return done.json_value()
    finally:
        page.close()


@pytest.mark.browser
@needs_chromium
def test_the_box_is_toggled_once_usable_and_the_answer_timed_when_painted(browser: object) -> None:
    answer = answer_from(_open(browser, _PAGE.replace("PREVIEW", ""), 3))
    assert answer.by == "page"
    assert 0.28 <= answer.ready_s < 2.0, answer  # not while the box was there but disabled (150 ms)
    assert answer.change_s >= answer.ready_s - 0.001  # the click, made in the frame that saw it usable
    assert 0.04 <= answer.after_change_s < 1.0, answer  # the page draws 40 ms after the click


@pytest.mark.browser
@needs_chromium
def test_while_the_preview_is_shown_its_map_is_the_one_that_answers(browser: object) -> None:
    page = _PAGE.replace("PREVIEW", _PREVIEW)
    answer = answer_from(_open(browser, page, 3))
    assert answer.by == "preview"  # the page's own (hidden) map also reaches 3, 20 ms later
    assert 0.02 <= answer.after_change_s < 0.04 + 1.0, answer


def test_a_load_that_did_not_answer_says_why() -> None:
    with pytest.raises(RuntimeError, match="never became usable"):
        answer_from({"ready": None, "change": None, "painted": None})
    with pytest.raises(RuntimeError, match="no click"):
        answer_from({"ready": 5.0, "change": None, "painted": None})
    with pytest.raises(RuntimeError, match="no visible map"):
        answer_from({"ready": 5.0, "change": 6.0, "painted": None})
    answer = answer_from({"ready": 1000.0, "change": 1010.0, "painted": 1510.0, "by": "live"})
    assert (answer.ready_s, answer.change_s, answer.answer_s, answer.by) == (1.0, 1.01, 1.51, "live")
    assert answer.as_dict()["after_change_s"] == 0.5
    assert ColdAnswer().as_dict()["answer_s"] is None


def test_answer_summary_leaves_failed_loads_out() -> None:
    summary = answer_summary({"a": [2.0, float("nan"), 4.0, 3.0], "bare": [float("nan")]})
    assert summary["a"]["n"] == 3 and summary["a"]["p50"] == 3.0
    assert summary["bare"]["n"] == 0 and math.isnan(summary["bare"]["p50"])


def test_the_table_has_the_answer_and_its_streamlit_floor() -> None:
    table = format_table([{"scale": "plan", "cold_answer_s": 1.5, "streamlit_floor_answer_s": 2.0,
                           "answer_vs_streamlit_floor": 0.75}])
    header, _, row = table.splitlines()[:3]
    assert "answer s" in header and "st answer s" in header and "answer/st" in header
    assert "1.50" in row and "2.00" in row and "0.75x" in row
