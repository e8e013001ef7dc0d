"""The scanner reads each format (real files made with the libraries themselves) and refuses bad ones.

Every bad input gives a message naming the file and exit 2 from ``python -m geo scan``, with
nothing written.  The fixtures come from ``tests/data/scan/make_fixtures.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from geo._errors import ScanError
from geo.cli import main
from geo.scan import read_document
from geo.scan._sections import cn_number, cn_numeral, parse_sections

DATA = Path(__file__).resolve().parent.parent / "data" / "scan"
BAD = DATA / "bad"


def test_reads_gbk_text_detected() -> None:
    doc = read_document(DATA / "news_gbk.txt")
    assert doc.encoding == "gb18030"
    assert "渝贵高铁綦江段近日开工建设" in doc.text


def test_reads_utf8_text_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff綦江区赶水镇".encode())
    doc = read_document(path)
    assert doc.text == "綦江区赶水镇" and doc.encoding == "utf-8"


def test_reads_docx_paragraphs_one_per_line() -> None:
    doc = read_document(DATA / "news.docx")
    assert doc.encoding == "docx"
    assert "安习高速加快建设，渝赤叙高速开工建设。" in doc.text.split("\n")


def test_reads_pdf_text_layer() -> None:
    doc = read_document(DATA / "news.pdf")
    assert doc.encoding == "pdf"
    assert "东溪古镇—中山古镇—土城古镇" in doc.text
    assert "\x00" not in doc.text


def test_reads_html_visible_text_only() -> None:
    doc = read_document(DATA / "news.html")
    assert "松坎砂石产业园开工建设。" in doc.text
    assert "var x" not in doc.text and "color:red" not in doc.text


@pytest.mark.parametrize(("name", "words"), [
    ("scanned.pdf", "no text layer"),
    ("encrypted.pdf", "encrypted"),
    ("broken.pdf", "broken PDF"),
    ("broken.docx", "broken .docx"),
    ("empty.txt", "empty"),
])
def test_bad_input_message_names_the_file(name: str, words: str) -> None:
    with pytest.raises(ScanError) as caught:
        read_document(BAD / name)
    assert str(BAD / name) in str(caught.value)
    assert words in str(caught.value)


def test_over_the_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("綦江" * 1000, encoding="utf-8")
    with pytest.raises(ScanError, match="over the scanner's limit"):
        read_document(big, max_bytes=1000)


def test_unknown_format(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"x")
    with pytest.raises(ScanError, match="unknown document format '.xlsx'"):
        read_document(path)


@pytest.mark.parametrize("name", ["scanned.pdf", "encrypted.pdf", "broken.pdf", "broken.docx", "empty.txt"])
def test_cli_bad_input_exit_2_nothing_written(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "found.geojson"
    code = main(["scan", str(DATA / "news_gbk.txt"), str(BAD / name), "--output", str(out),
                 "--csv", str(tmp_path / "r.csv"), "--report", str(tmp_path / "r.html")])
    assert code == 2
    assert name in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_cli_over_size_limit_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(("赶水镇" * 200_000).encode())  # 1.8 MB
    out = tmp_path / "out" / "found.geojson"
    assert main(["scan", str(big), "--output", str(out), "--max-mb", "1"]) == 2
    assert "big.txt" in capsys.readouterr().err and not out.parent.exists()


def test_cli_every_bad_file_listed_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["scan", str(BAD / "empty.txt"), str(BAD / "scanned.pdf"), "--output", str(tmp_path / "f.geojson")])
    err = capsys.readouterr().err
    assert code == 2 and "empty.txt" in err and "scanned.pdf" in err


def test_chinese_numerals() -> None:
    assert [cn_number(t) for t in ("三", "十", "十二", "二十", "二十三")] == [3, 10, 12, 20, 23]
    assert [cn_numeral(n) for n in (3, 10, 12, 20, 23)] == ["三", "十", "十二", "二十", "二十三"]


def test_sections_of_headings_and_boxes() -> None:
    text = "第一章  交通\n第一节  公路\n一、高速\n甲\n（二）乡镇\n乙\n专栏1-1：水利\n丙\n\n丁"
    sections = parse_sections(text)
    assert sections.at(text.index("甲")).citation() == "第一章第一节 一、"
    assert sections.at(text.index("乙")).citation() == "第一章第一节 一、（二）"
    assert sections.at(text.index("丙")).citation() == "专栏1-1"
    assert sections.at(text.index("丁")).citation() == "第一章第一节 一、（二）"


def test_sections_number_a_title_that_lost_its_number() -> None:
    text = "第一章  甲\n第一节  a\n第二节  b\n  乙章的标题\n第一节  c\n内容\n第二节  d\n  丙节的标题\n内容二\n第四节  e"
    sections = parse_sections(text)
    assert sections.at(text.index("内容")).citation() == "第二章第一节"
    assert sections.at(text.index("内容二")).citation() == "第二章第三节"


def test_hard_wrapped_lines_are_joined(tmp_path: Path) -> None:
    wrapped = ("綦江区加快建设长征国家文化公园（重庆段）主体建设区，串联王\n\n良同志纪念馆、中共綦江支部旧址等红色遗\n"
               "址，打造重庆重要的红色文化高地和旅游目的\n地，带动石壕、安稳等镇的乡村旅游发展壮大\n起来。\n") * 3
    path = tmp_path / "wrapped.txt"
    path.write_text(wrapped, encoding="utf-8")
    text = read_document(path).text
    assert "串联王良同志纪念馆" in text and "红色遗址" in text


def test_paragraph_text_is_not_joined() -> None:
    text = read_document(DATA / "plan_2022.txt").text
    assert "第一节  发展基础\n" in text and text.count("\n") > 200
