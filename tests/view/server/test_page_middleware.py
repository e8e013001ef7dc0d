"""The first page with the preview (:mod:`geo.view.server._page_middleware`): Streamlit's style sheet written in."""

from __future__ import annotations

import re

from geo.view.server._asgi import streamlit_static_root
from geo.view.server._page_middleware import _first_page, _inline_style

_LINK = re.compile(rb'<link rel="stylesheet" crossorigin href="\./static/(css/[^"]+\.css)">')


def test_streamlits_style_sheet_is_written_into_the_page_with_urls_relative_to_the_page() -> None:
    """Linked, it held back the preview's first frame until it came (behind the hundred scripts asked for first)."""
    index = (streamlit_static_root().parent / "index.html").read_bytes()
    link = _LINK.search(index)
    assert link, "the installed Streamlit links one style sheet from its page"
    css = (streamlit_static_root() / link.group(1).decode()).read_bytes()
    page = _inline_style(index)
    assert not _LINK.search(page) and b'rel="stylesheet"' not in page
    start = page.index(b"<style>")
    assert page.index(b"</style>", start) - start > len(css) - 100  # the whole sheet
    assert b"url(../" not in page[start:] and b"url(./static/media/" in page  # fonts found from the page
    assert page.index(b"<style>") < page.index(b"</head>")


def test_only_the_first_page_with_the_preview_gets_it_written_in() -> None:
    index = (streamlit_static_root().parent / "index.html").read_bytes()
    assert _LINK.search(_first_page(index, "", "", "", False, False))  # no preview: Streamlit's page as it is
    assert not _LINK.search(_first_page(index, "", "", "<div></div>", True, False))


def test_a_page_without_the_style_sheet_or_its_file_is_left_as_it_is() -> None:
    page = b'<head><link rel="stylesheet" crossorigin href="./static/css/missing.0.css"></head>'
    assert _inline_style(page) == page
    assert _inline_style(b"<head></head>") == b"<head></head>"
