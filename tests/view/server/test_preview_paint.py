"""The preview's first paint (issue 29, item 11): the features first, their tooltips, popups and labels right after."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

#: Every feature's layer of the map (stacked markers included) is bound to its own tooltip and popup.
_ALL_BOUND_JS = """() => {
  const layers = [];
  for (const k in map._layers) {
    const l = map._layers[k];
    if (l._topClusterLevel) l.eachLayer((m) => layers.push(m));
    else if (l.feature && !l.getLayers) layers.push(l);
  }
  return layers.length > 0 && layers.every((l) => l.getTooltip() && l.getPopup()
    && l.getTooltip().getContent() === l.feature.properties.tip
    && l.getPopup().getContent() === l.feature.properties.popup);
}"""
#: Labels are on the map, placed after its first painted frame with every feature.
_LABELLED_AFTER_PAINT_JS = """() => typeof YQ.labelledAt === 'number' && typeof YQ.paintedAt === 'number'
  && YQ.labelLayer.getLayers().length > 0 ? YQ.labelledAt >= YQ.paintedAt : null"""


def test_the_preview_paints_its_features_first_then_binds_and_labels_them(loopback_app_url: str) -> None:
    """Tooltips, popups and labels are not part of the first frame, and all come shortly after it.

    The preview's frame shares the page's thread: its first paint waited for the
    binding of every feature and the placing of every label.  The live map it hands
    over to (same script) is bound and labelled too.
    """
    from tests._browser import COUNT_FEATURES_JS, launched_chromium, map_frame
    from tests.view.server.test_preview import _default_count, _wait_for_preview, held_preview, release_live_map

    _wait_for_preview(loopback_app_url)
    expected = _default_count()
    with launched_chromium() as browser:
        page, preview, held = held_preview(browser, loopback_app_url, 1366, 768)
        assert preview.evaluate(f"({COUNT_FEATURES_JS})()") == expected
        preview.wait_for_function(f"({_LABELLED_AFTER_PAINT_JS})() !== null", timeout=30_000)
        assert preview.evaluate(f"({_LABELLED_AFTER_PAINT_JS})()") is True
        preview.wait_for_function(_ALL_BOUND_JS, timeout=30_000)
        assert preview.evaluate("() => document.querySelectorAll('.yq-label').length") > 0
        assert preview.evaluate("() => YQ._cluster._yqIn.size") > 0  # the points are in the stacks
        # a stack's own popup and a feature's tooltip open as before
        tip = preview.evaluate("""() => { for (const k in map._layers) { const l = map._layers[k];
            if (l.feature && l.getTooltip && l.getTooltip() && l.getBounds) {
              l.openTooltip(l.getBounds().getCenter()); return l.getTooltip().getContent(); } } return null; }""")
        assert tip and preview.evaluate("() => document.querySelectorAll('.leaflet-tooltip').length") >= 1
        release_live_map(page, held)
        frame = map_frame(page)
        assert frame.evaluate(f"({COUNT_FEATURES_JS})()") == expected
        frame.wait_for_function(f"({_LABELLED_AFTER_PAINT_JS})() !== null", timeout=30_000)
        assert frame.evaluate(f"({_LABELLED_AFTER_PAINT_JS})()") is True
        frame.wait_for_function(_ALL_BOUND_JS, timeout=30_000)
