"""Make the scanner's small test documents with the libraries themselves (run once; the outputs are committed).

Usage: ``python tests/data/scan/make_fixtures.py`` (needs python-docx, fpdf2, pypdf and the
Noto Sans CJK font of Debian's ``fonts-noto-cjk``).  The texts are written for the tests (our own
words about the area's roads and parks), not copied from any document.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
#: Simplified Chinese face in the Noto Sans CJK collection (0 JP, 1 KR, 2 SC, 3 TC, 4 HK).
FONT_INDEX = 2

NEWS_GBK = """綦江区交通项目进展
一、铁路
渝贵高铁綦江段近日开工建设。川黔铁路赶水站站房改造加快建设。
二、公路
篆塘—坭坝、丁山—寨坝快速路推进前期工作。綦万正高速建成通车。
三、物流
重庆南部综合物流园续建，扶欢物流园区正在规划。
"""

DOCX_PARAGRAPHS = (
    ("第一章  交通", True), ("第一节  公路", True),
    ("一、高速公路", False),
    ("安习高速加快建设，渝赤叙高速开工建设。", False),
    ("（一）乡镇连接", False),
    ("赶水镇至坡渡镇的连接道研究论证。", False),
    ("专栏1-1：水利项目", False),
    ("藻渡水库续建；獐狮坝水库开工建设。", False),
)

PDF_LINES = (
    "习水县旅游线路发布",
    "精品旅游环线：东溪古镇—中山古镇—土城古镇。",
    "习水综合智能物流园区已建成投用，蟠龙抽水蓄能电站加快建设。",
)

HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>桐梓县新闻</title>
<style>p{color:red}</style><script>var x = "渝筑高速";</script></head>
<body><h1>桐梓县交通</h1><p>松坎砂石产业园开工建设。</p><p>渝黔高速加宽（綦江至崇溪河段）研究论证。</p>
<div>黔江区正阳街道的新闻不在本区域。</div></body></html>
"""


def _pdf(lines: tuple[str, ...], path: Path, *, encrypt: bool = False, text: bool = True) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    if text:
        pdf.add_font("noto", "", str(FONT), collection_font_number=FONT_INDEX)
        pdf.set_font("noto", size=12)
        for line in lines:
            pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    else:  # a "scan": a grey picture of a page, no text layer
        pdf.set_fill_color(200, 200, 200)
        pdf.rect(20, 20, 170, 250, style="F")
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.output(str(path))


def main() -> None:
    """Write every fixture into this folder."""
    import docx

    (HERE / "news_gbk.txt").write_bytes(NEWS_GBK.encode("gb18030"))
    (HERE / "news.html").write_text(HTML, encoding="utf-8")
    document = docx.Document()
    for text, heading in DOCX_PARAGRAPHS:
        if heading:
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    document.save(str(HERE / "news.docx"))
    _pdf(PDF_LINES, HERE / "news.pdf")
    bad = HERE / "bad"
    bad.mkdir(exist_ok=True)
    _pdf(PDF_LINES, bad / "encrypted.pdf", encrypt=True)
    _pdf((), bad / "scanned.pdf", text=False)
    good = (HERE / "news.pdf").read_bytes()
    (bad / "broken.pdf").write_bytes(good[: len(good) // 3])
    (bad / "broken.docx").write_bytes(b"PK\x03\x04 this is not a complete zip archive")
    (bad / "empty.txt").write_bytes(b"")
    print("fixtures written to", HERE)


if __name__ == "__main__":
    main()
