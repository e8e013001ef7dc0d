"""The scanner's outputs (``geo.scan._write``): the report marks what a reviewer checks, escaped."""

from __future__ import annotations

from pathlib import Path

from geo.scan import scan_documents
from geo.scan._write import _highlight, report_html


def test_the_quote_marks_the_name_and_the_words_of_its_status_apart() -> None:
    quote = "<b>渝贵高铁</b>加快推进前期工作，明年开工建设。"
    marked = _highlight(quote, "渝贵高铁", "开工建设")
    assert "<b>" not in marked and "&lt;b&gt;" in marked  # the document's markup stays text
    assert "<mark>渝贵高铁</mark>" in marked and '<mark class="w">开工建设</mark>' in marked
    assert marked.count("<mark") == 2


def test_a_split_status_word_is_marked_part_by_part_and_a_word_elsewhere_is_not_invented() -> None:
    marked = _highlight("推进扶欢物流园区建设。", "扶欢物流园区", "推进…建设")
    assert '<mark class="w">推进</mark>' in marked and '<mark class="w">建设</mark>' in marked
    assert "<mark class" not in _highlight("扶欢物流园区。", "扶欢物流园区", "规划")  # read from another sentence


def test_the_report_gives_each_status_with_the_words_it_was_read_from(tmp_path: Path) -> None:
    source = tmp_path / "news.txt"
    source.write_text("渝贵高铁开工建设，扶欢物流园区正在规划。", encoding="utf-8")
    result = scan_documents([source])
    html = report_html(result.features, [("news.txt", "utf-8", 20)], [])
    assert "开工建设" in set(result.features["status_words"])
    assert "依据 / from: 开工建设" in html and '<mark class="w">开工建设</mark>' in html
