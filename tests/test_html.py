"""geo._html: escaping, and the style sheet compacted for every run."""

from __future__ import annotations

from geo._html import compact_css, escape_text
from geo.view.map._base import _MAP_CSS


def test_compact_css_keeps_every_rule_and_the_spaces_they_need() -> None:
    assert compact_css(".a  .b {\n  color: #fff;\n  margin: 0 4px; }  /* why */ .c > .d { x: 1 }") == \
        ".a .b{color:#fff;margin:0 4px}.c>.d{x:1}"
    compact = compact_css(_MAP_CSS)
    assert len(compact) < len(_MAP_CSS) - 300 and compact.startswith("<style>") and compact.endswith("</style>")
    assert compact.count("{") == _MAP_CSS.count("{") and compact.count("}") == _MAP_CSS.count("}")
    assert "text-shadow:0 0 2px #fff,0 0 2px #fff" in compact  # values keep their inner spaces
    assert ".leaflet-container .leaflet-control-layers label{" in compact  # and selectors theirs


def test_escape_text_escapes_markup() -> None:
    assert escape_text("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
