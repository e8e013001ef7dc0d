/* The published site's own controls (geo/publish.py): title, search, credits, readiness.
 *
 * The map itself is the viewer's (geo/view/mapview.py + mapread.js); this adds what the
 * Streamlit page around the viewer gives: a title, a search box (Chinese, pinyin or English,
 * the keys made by geo/search.py), and the data credits.  It also records when every feature
 * has been drawn (window.yqSite.paintedAt, ms from navigation start) for tests and the bench.
 *
 * Text from the data is set with textContent (never as HTML); the keys are folded text.
 */
(function () {
  "use strict";
  var NOT_WORD = /[\s\-\u2010\u2011\u2012\u2013\u2014\u2015'\u2019`\u00b7\u30fb.,\uff0c\u3001()\uff08\uff09/|]+/g;
  var MAX_RESULTS = 12;

  /** The same folding as geo.search.normalise_text: no case, tone marks, spaces or punctuation. */
  function fold(text) {
    return String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(NOT_WORD, "");
  }

  function el(tag, className, parent) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (parent) parent.appendChild(node);
    return node;
  }

  /** Every drawn Leaflet layer of a feature id, across the data layers (lines in the layer, points in the stacks). */
  function layersByFid(sources) {
    var out = {};
    sources.forEach(function (dl) {
      dl.eachLayer(function (l) { if (l.feature) out[l.feature.properties.fid] = l; });
      (dl._points || []).forEach(function (m) { if (m.feature) out[m.feature.properties.fid] = m; });
    });
    return out;
  }

  /** Bring a found feature into view and open its popup (a point may sit in a stack: mapread's openFeature). */
  function show(map, layer) {
    if (layer.getBounds) {
      map.fitBounds(layer.getBounds(), {maxZoom: 13, padding: [30, 30], animate: false});
      layer.openPopup(layer.getBounds().getCenter());
      return;
    }
    map.setView(layer.getLatLng(), Math.max(map.getZoom(), 12), {animate: false});
    if (window.YQ && YQ.openFeature) YQ.openFeature(layer, false); else layer.openPopup();
  }

  function searchControl(map, cfg, sources) {
    var entries = [];
    Object.keys(window.yqSearch || {}).forEach(function (layer) {
      window.yqSearch[layer].forEach(function (row) {
        entries.push({layer: layer, fid: row[0], name: row[1], keys: row[2]});
      });
    });
    var control = L.control({position: "topleft"});
    control.onAdd = function () {
      var box = el("div", "yq-site-search leaflet-bar");
      var input = el("input", "", box);
      input.type = "search"; input.placeholder = cfg.strings.search; input.setAttribute("aria-label", cfg.strings.search);
      var list = el("ul", "yq-site-results", box);
      L.DomEvent.disableClickPropagation(box); L.DomEvent.disableScrollPropagation(box);
      function run() {
        var q = fold(input.value);
        list.textContent = "";
        if (!q) return;
        var hits = entries.filter(function (e) { return e.keys.some(function (k) { return k.indexOf(q) >= 0; }); });
        // names that start with the query first; otherwise in file order (townships, stops, sites, lines)
        var starts = function (e) { return e.keys.some(function (k) { return k.indexOf(q) === 0; }) ? 0 : 1; };
        hits = hits.map(function (e, i) { return [starts(e), i, e]; })
          .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; }).map(function (t) { return t[2]; });
        var counter = el("li", "yq-site-count", list);
        counter.textContent = cfg.strings.found.replace("{n}", hits.length);
        var byFid = layersByFid(sources);
        hits.slice(0, MAX_RESULTS).forEach(function (e) {
          var item = el("li", "yq-site-hit", list);
          item.textContent = e.name;
          var layerName = el("span", "yq-site-layer", item);
          layerName.textContent = (cfg.layers[e.layer] || e.layer);
          item.setAttribute("data-fid", e.fid);
          item.tabIndex = 0;
          function go() { var l = byFid[e.fid]; if (l) show(map, l); }
          L.DomEvent.on(item, "click", go);
          L.DomEvent.on(item, "keydown", function (ev) { if (ev.key === "Enter") go(); });
        });
      }
      L.DomEvent.on(input, "input", run);
      return box;
    };
    control.addTo(map);
  }

  function titleControl(map, cfg) {
    var control = L.control({position: "topleft"});
    control.onAdd = function () {
      var box = el("div", "yq-site-title");
      el("div", "yq-site-title-main", box).textContent = cfg.title;
      if (cfg.subtitle) el("div", "yq-site-title-sub", box).textContent = cfg.subtitle;
      return box;
    };
    control.addTo(map);
  }

  /** Set up the site's controls once the data layers have their features; record the first full paint. */
  window.yqSiteSetup = function (map, cfg, sources) {
    var site = window.yqSite = {expected: cfg.expected, ready: false, paintedAt: null, sources: sources};
    window.map = window.map || map;  // the name the bench's feature count looks for (bench/viewer.py)
    titleControl(map, cfg);
    searchControl(map, cfg, sources);
    cfg.credits.forEach(function (credit) { map.attributionControl.addAttribution(credit); });
    site.drawn = function () {
      var n = 0, cluster = window.YQ && window.YQ._cluster;
      sources.forEach(function (dl) {
        dl.eachLayer(function (l) { if (l.feature) n++; });
        (dl._points || []).forEach(function (m) { if (cluster && cluster.hasLayer(m)) n++; });
      });
      return n;
    };
    site.fitAll = function () {
      var bounds = L.latLngBounds([]);
      sources.forEach(function (dl) {
        dl.eachLayer(function (l) { if (l.getBounds) bounds.extend(l.getBounds()); });
        (dl._points || []).forEach(function (m) { bounds.extend(m.getLatLng()); });
      });
      if (bounds.isValid()) map.fitBounds(bounds, {animate: false});
    };
    var total = 0;
    Object.keys(cfg.expected).forEach(function (k) { total += cfg.expected[k]; });
    function check() {
      if (site.drawn() >= total) {
        site.ready = true;
        // the frame now being prepared shows them; a task queued from it runs once it is painted
        requestAnimationFrame(function () { setTimeout(function () { site.paintedAt = performance.now(); }); });
      } else {
        requestAnimationFrame(check);
      }
    }
    requestAnimationFrame(check);
  };
})();
