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


#: Init script (every frame): when the first tile of a tile layer was put into the document (its page's clock).
_TILES_AT_JS = """(() => {
  window.__yqTilesAt = null;
  const seen = new MutationObserver(() => {
    if (document.querySelector('.leaflet-tile')) { window.__yqTilesAt = performance.now(); seen.disconnect(); }
  });
  seen.observe(document, {childList: true, subtree: true});
})();"""


def test_the_basemaps_tiles_are_laid_out_after_the_first_paint(loopback_app_url: str) -> None:
    """No tile can be in the preview's first frame, and laying out their grid (twice) held that frame back."""
    import re

    from tests._browser import launched_chromium, offline_context
    from tests.view.server.test_preview import _wait_for_preview

    _wait_for_preview(loopback_app_url)
    with launched_chromium() as browser:
        context = offline_context(browser, 1366, 768)
        held: list[object] = []  # the live map waits: the preview stays
        context.route(re.compile(r"/component/streamlit_folium[^/]*/static/js/"), lambda r: held.append(r))
        page = context.new_page()
        page.add_init_script(_TILES_AT_JS)
        page.goto(loopback_app_url)
        page.wait_for_function("() => window.yqPreview && typeof window.yqPreview.previewPaintedAt === 'number'",
                               timeout=60_000)
        preview = page.query_selector("#yq-preview-frame").content_frame()
        preview.wait_for_function("() => window.__yqTilesAt !== null", timeout=30_000)
        tiles_at, painted_at = preview.evaluate("() => [window.__yqTilesAt, YQ.paintedAt]")
        assert tiles_at > painted_at
        assert preview.evaluate("() => Object.values(map._layers).some((l) => l instanceof L.TileLayer)")
