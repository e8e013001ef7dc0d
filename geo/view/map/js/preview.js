/* The map's preview in Streamlit's page until the live map has drawn (geo/view/preview.py).
 *
 * geo.view.server._serving.PreviewMiddleware puts this script, a box (#yq-preview) and the preview's
 * iframe into Streamlit's index.html.  The box sits where the live map will be: first where the
 * page's style sheet puts the map (the CSS next to this script), then, once Streamlit has made
 * the live map's iframe, exactly over it, frame by frame.  Both maps call yqPreview.drawn(window)
 * when every feature is drawn (mapread.js): the preview's call is only noted (for the tests and
 * the benchmark), the live map's call hands over: the live map takes the preview's view if the
 * visitor moved it, then the box is removed.  A preview made with the filter index draws a filter
 * change itself (predict.js), before the live map has come: the hand-over then waits until the live
 * map shows the same filters (SAME_FILTERS_WAIT_MS at most), so the change is never seen undone.  If the live map never draws (an error on the page),
 * the box goes after LIVE_WAIT_MS, or as soon as Streamlit shows an error, so it hides nothing.
 */
(function () {
  "use strict";
  var LIVE = 'iframe[title="streamlit_folium.st_folium"]';
  var ERRORS = '[data-testid="stException"], [data-testid="stAlert"]';
  var LIVE_WAIT_MS = 60000;
  /** A live map drawn before it shows the filter change the preview drew (predict.js) waits this long at most. */
  var SAME_FILTERS_WAIT_MS = 8000;
  var box = document.getElementById("yq-preview");
  var painted = null;  // Streamlit's own script waits for this (PreviewMiddleware), 1.5 s at most
  window.yqPreviewPainted = new Promise(function (resolve) { painted = resolve; setTimeout(resolve, 1500); });
  if (!box) { painted(); return; }
  var frame = box.querySelector("iframe");
  var state = window.yqPreview = {previewPaintedAt: null, handedOverAt: null, removedBecause: null, drawn: drawn,
                                  boxAtHandover: null, liveAtHandover: null, waitedForFilters: 0};
  var waiting = null;  // {win, since}: the live map has drawn, but not yet the filters the preview shows

  function rect(node) { var r = node.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; }

  function remove(reason) {
    painted();
    if (state.removedBecause) return;
    state.removedBecause = reason;
    if (box.parentNode) box.parentNode.removeChild(box);
  }

  /** Keep the box over the live map's iframe once it exists (its place changes with the page). */
  function follow() {
    if (state.removedBecause) return;
    var live = document.querySelector(LIVE);
    try {  // put in late (js/preview_late.js), after the live map had drawn: nothing to show
      if (live && live.contentWindow && live.contentWindow.YQ && live.contentWindow.YQ.paintedAt && !state.handedOverAt && !waiting) {
        remove("live map drawn before"); return;
      }
    } catch (e) { /* not ours */ }
    if (live) {
      var r = live.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) {
        box.style.left = r.left + "px"; box.style.top = r.top + "px";
        box.style.width = r.width + "px"; box.style.height = r.height + "px";
        box.style.right = "auto"; box.style.bottom = "auto";
      }
    }
    if (waiting && (sameFilters(waiting.win) || performance.now() - waiting.since > SAME_FILTERS_WAIT_MS)) {
      var win = waiting.win;
      state.waitedForFilters = performance.now() - waiting.since;
      waiting = null;
      handOver(win);
    }
    if (document.querySelector(ERRORS)) { remove("error"); return; }
    if (performance.now() > LIVE_WAIT_MS) { remove("timeout"); return; }
    requestAnimationFrame(follow);
  }

  function drawn(win) {
    if (win === frame.contentWindow) {
      if (state.previewPaintedAt === null) state.previewPaintedAt = performance.now();
      painted();
      return;
    }
    var live = win.frameElement;
    if (!live || !live.matches(LIVE) || state.removedBecause || waiting) return;
    if (!sameFilters(win)) { waiting = {win: win, since: performance.now()}; return; }
    handOver(win);
  }

  /** Whether the live map shows the filters the preview shows: true when the preview drew no change itself. */
  function sameFilters(win) {
    var seen = frame.contentWindow && frame.contentWindow.YQ;
    if (!seen || !seen.prediction || !seen.prediction.drawn || !seen.filterKey) return true;
    var mine = seen.filterKey(seen.shownFilters());
    var theirs = win.YQ && win.YQ.shownFilters ? seen.filterKey(win.YQ.shownFilters()) : null;
    return mine === null || mine === theirs;
  }

  /** The live map takes the preview's view (if the visitor moved it), then the box goes. */
  function handOver(win) {
    var live = win.frameElement;
    if (!live || state.removedBecause) return;
    var seen = frame.contentWindow && frame.contentWindow.YQ;
    var target = win.YQ;
    if (seen && seen.map && seen.moved && target && target.map) {  // keep what the visitor did
      var centre = seen.map.getCenter();
      target.moved = true;
      target.map.setView([centre.lat, centre.lng], seen.map.getZoom(), {animate: false});
    }
    state.handedOverAt = performance.now();
    state.boxAtHandover = rect(box); state.liveAtHandover = rect(live);  // how well the box fitted
    requestAnimationFrame(function () { remove("live map drawn"); });
  }

  requestAnimationFrame(follow);
})();
