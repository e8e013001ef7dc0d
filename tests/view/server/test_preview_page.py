"""The preview as written into Streamlit's page (:mod:`geo.view.server._preview_page`): its features as JSON."""

from __future__ import annotations

import json

from geo.view.server._preview_page import json_in_script


def test_features_json_cannot_end_its_script_element_and_parses_the_same() -> None:
    features = {"popup": "<b>綦江</b></script><!-- not a comment --><script>alert(1)</script>", "n": [1, 2.5]}
    text = json.dumps(features, ensure_ascii=False)
    written = json_in_script(text)
    assert "</" not in written and "<!--" not in written
    assert json.loads(written) == features
