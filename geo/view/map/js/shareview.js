/* The map's view in the page's address (issue 29 item 8): a copied link reopens at the same centre and zoom.
 *
 * Joined after mapread.js into the one served script (geo/view/files/_assets.py).  Only the viewer's
 * own map (its config has "filters": the page around it holds the viewer's widgets) takes part; the
 * editors' small map and the published site do not.
 *
 * - After the visitor (or a tool's zoom) moved the map, the frame writes ``center=lat,lon&zoom=z``
 *   into the address of the page around it with history.replaceState: no request, no script run of
 *   the server.  Streamlit writes the page's address again after each run (the filters'
 *   parameters); the frame puts its two back (a check every half second, and at every move).
 * - A map that starts (the first visit, or a new frame after a language or basemap change) opens at
 *   the view the page remembers (window.yqView, kept by the frame before it) or, on a first visit,
 *   at the address's ``center``/``zoom``.  A zoom request it has already seen (geo.view.map._base.fit_group,
 *   by number) is not made again by the new frame.
 */
(function () {
  "use strict";
  var YQ = window.YQ;
  if (!YQ || !YQ.setup || YQ._shareView) return;
  YQ._shareView = true;
  var CHECK_MS = 500;

  function host() {
    try {
      var h = window.parent;
      if (h && h !== window && h.history && h.location && h.location.href) return h;
    } catch (e) { /* a page of another origin around the map */ }
    return null;
  }

  /** ``{lat, lng, zoom}`` of a query string's center/zoom, or null when missing or out of range. */
  function parse(search) {
    var q = new URLSearchParams(search);
    var c = (q.get("center") || "").split(","), zoom = parseFloat(q.get("zoom"));
    if (c.length !== 2) return null;
    var lat = parseFloat(c[0]), lng = parseFloat(c[1]);
    if (!isFinite(lat) || !isFinite(lng) || !isFinite(zoom) || Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
    if (zoom < 0 || zoom > 22) return null;
    return {lat: lat, lng: lng, zoom: zoom};
  }
  YQ.parseView = parse;

  /** Put the remembered view into the page's address when it is not there (replaceState: no reload). */
  function keep(h) {
    var view = h.yqView;
    if (!view) return;
    var q = new URLSearchParams(h.location.search);
    var center = view.lat.toFixed(5) + "," + view.lng.toFixed(5), zoom = String(Math.round(view.zoom * 100) / 100);
    if (q.get("center") === center && q.get("zoom") === zoom) return;
    q.set("center", center);
    q.set("zoom", zoom);
    h.history.replaceState(h.history.state, "", h.location.pathname + "?" + q.toString() + h.location.hash);
  }

  var setup = YQ.setup;
  YQ.setup = function (map, cfg) {
    var result = setup.apply(this, arguments);
    var h = host();
    if (!h || !(cfg && cfg.filters)) return result;
    var view = h.yqView || parse(h.location.search);
    if (h.yqFitNumber != null) YQ.fitNumber = h.yqFitNumber;  // a zoom this page already made: not again
    if (view) {
      YQ.moved = true;  // the first-view fit no longer applies
      map.setView([view.lat, view.lng], view.zoom, {animate: false});
      h.yqView = view;
    }
    map.on("moveend", function () {
      if (!YQ.moved) return;  // the first view, fitted to the plan: the plain address opens it
      var c = map.getCenter();
      h.yqView = {lat: c.lat, lng: c.lng, zoom: map.getZoom()};
      if (YQ.fitNumber != null) h.yqFitNumber = YQ.fitNumber;
      keep(h);
    });
    setInterval(function () { keep(h); }, CHECK_MS);
    return result;
  };
})();
