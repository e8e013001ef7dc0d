"""The map controls' tooltips in the page's language (issue 29 item 5), and partners in popups."""

from __future__ import annotations

import pytest

from geo.view.files._assets import NODE_MODULES, bundle_text, control_words_script
from geo.view.map._popups import partners_text, popup_html


def test_control_words_of_each_language() -> None:
    zh, en = control_words_script("zh"), control_words_script("en")
    for word in ("放大", "缩小", "全屏", "退出全屏", "图层"):
        assert word in zh and word not in en
    for word in ("Zoom in", "Zoom out", "Full screen", "Layers"):
        assert word in en


def test_the_bundle_sets_the_words_after_the_plugins() -> None:
    if not (NODE_MODULES / "leaflet").exists():
        pytest.skip("npm ci --prefix geo/view/assets first")
    script = bundle_text(NODE_MODULES, "zh")
    assert script.index("Control.FullScreen = ") < script.index("W.fullscreenExit") < script.index("YQ.setup =")
    assert "shareview" in script.splitlines()[0]


def test_partners_in_popups_in_english() -> None:
    names = {"坡渡镇": "Podu Town"}
    assert partners_text("坡渡镇、寨坝镇", "zh", names) == "坡渡镇、寨坝镇"
    assert partners_text("坡渡镇、寨坝镇", "en", names) == "Podu Town (坡渡镇), 寨坝镇"
    town = {"name": "安稳镇", "name_en": "Anwen Town", "partners": "坡渡镇"}
    popup = popup_html("townships", town, "en", None, names)
    assert "Podu Town (坡渡镇)" in popup
