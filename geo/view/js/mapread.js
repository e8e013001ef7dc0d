/* A map people can read (geo.view, issue 11): stacks, labels, numbered route stops, legend.
 *
 * Joined after Leaflet and its plugins into the one served script (geo/view/assets.py).
 * Everything reads the features file the map already fetched (geo/view/mapdata.py):
 * no second copy of any feature is sent.
 *
 *  - YQ.DataLayer: one layer of the file, picked by positions; its lines and polygons are
 *    drawn as GeoJSON, its points go into the map's one marker-cluster group (stacks).
 *  - Stacks: a cluster icon shows its count, a ring split by layer colour and a badge when it
 *    holds site-precision features; a click opens a list grouped by place and layer, each item
 *    opening that feature's own popup.
 *  - Labels: counties always, townships from LABEL_ZOOM[1], corridors (along the line) from
 *    LABEL_ZOOM[2], sites from LABEL_ZOOM[3]; greedy collision pass in priority order; the
 *    chosen township and its partners are always labelled.
 *  - Routes: the chosen route's stops numbered 1..n in its colour, named, with arrows on legs.
 *  - Legend: a collapsible control inside the map (kept in fullscreen).
 * Text from the data arrives HTML-escaped in tip/popup; labels are set as text (never HTML).
 */
(function () {
  "use strict";
  var YQ = window.YQ = window.YQ || {};
  /** Lowest zoom at which each label rank is drawn (0 county, 1 township, 2 corridor, 3 site). */
  var LABEL_ZOOM = [0, 8, 10, 12, 99];
  var FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif';
  var FONT_PX = [15, 12, 11, 11];
  /** Where a county name may go, in label widths and heights from its centre, nearest first. */
  var COUNTY_TRIES = (function () {
    var out = [[0, 0]];
    for (var d = 1; d <= 5; d++) {
      out.push([0, -d], [0, d], [0.8 * d, 0], [-0.8 * d, 0], [0.8 * d, -d], [-0.8 * d, -d], [0.8 * d, d], [-0.8 * d, d]);
    }
    return out;
  })();
  YQ.sources = {};   // DataLayer id -> DataLayer on the map
  YQ.forced = {};    // id -> list of fids always labelled
  YQ.routes = {};    // id -> {fids, color}
  YQ.cfg = YQ.cfg || {strings: {}, layers: {}, precisions: {}};

  function esc(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  function str(key, fallback) { return (YQ.cfg.strings || {})[key] || fallback; }

  /* ---------- set-up of a map: config, panes, first view, popups that fit ---------- */
  YQ.setup = function (map, cfg) {
    YQ.cfg = cfg || YQ.cfg;
    YQ.map = map;
    if (!isFinite(map.getMaxZoom())) map.setMaxZoom(18);  // no tile layer: the stacks need a top zoom
    if (!map.getPane("yqLabels")) {
      map.createPane("yqLabels").style.zIndex = 450;
      map.getPane("yqLabels").style.pointerEvents = "none";
      map.createPane("yqStops").style.zIndex = 640;
    }
    YQ.labelLayer = L.layerGroup().addTo(map);
    YQ.stopLayer = L.layerGroup().addTo(map);
    map.on("zoomend moveend resize", YQ.scheduleLabels);
    map.on("popupopen", fitPopup);
    var fitting = false;
    YQ.moved = false;
    map.on("movestart", function () { if (!fitting) YQ.moved = true; });
    function fit() {
      if (YQ.moved || !YQ.cfg.fit) return;
      fitting = true;
      map.invalidateSize({pan: false});
      map.fitBounds(YQ.cfg.fit, {padding: [8, 8], animate: false});
      fitting = false;
    }
    YQ.fitFirstView = fit;
    fit();
    if (window.ResizeObserver) {
      new ResizeObserver(function () { map.invalidateSize({pan: false}); fit(); YQ.scheduleLabels(); })
        .observe(map.getContainer());
    }
    return map;
  };

  function fitPopup(e) {
    var size = YQ.map.getSize(), popup = e.popup, o = popup.options;
    var width = Math.max(160, Math.min(380, size.x - 60));
    var height = Math.max(160, size.y - 90);
    if (o.maxWidth !== width || o.maxHeight !== height) {
      o.maxWidth = width; o.minWidth = Math.min(o.minWidth || 50, width); o.maxHeight = height;
      popup.update();
    }
  }

  /* ---------- the one cluster group ---------- */
  YQ.cluster = function (map) {
    if (YQ._cluster && YQ._cluster._map === map) return YQ._cluster;
    YQ._cluster = L.markerClusterGroup({
      maxClusterRadius: 26, showCoverageOnHover: false, zoomToBoundsOnClick: false,
      spiderfyOnMaxZoom: false, animate: false, animateAddingMarkers: false,
      removeOutsideVisibleBounds: true, chunkedLoading: false, iconCreateFunction: clusterIcon
    });
    YQ._cluster.on("clusterclick", function (e) { YQ.openStack(e.layer); });
    YQ._cluster.on("animationend layeradd", YQ.scheduleLabels);
    YQ._cluster._yqIn = new Set();
    YQ._cluster.addTo(map);
    return YQ._cluster;
  };

  function markerColour(m) {
    var s = (m.feature && m.feature.properties.style) || {};
    return s.fillColor || s.color || "#666";
  }

  function clusterIcon(cluster) {
    var markers = cluster.getAllChildMarkers(), n = markers.length, byColour = {}, sites = 0;
    markers.forEach(function (m) {
      var c = markerColour(m);
      byColour[c] = (byColour[c] || 0) + 1;
      if (m.feature && m.feature.properties.pr === "site") sites++;
    });
    var stops = [], acc = 0;
    Object.keys(byColour).sort().forEach(function (c) {
      var from = acc / n * 360; acc += byColour[c];
      stops.push(c + " " + from.toFixed(1) + "deg " + (acc / n * 360).toFixed(1) + "deg");
    });
    var size = Math.round(Math.min(46, 22 + 6 * Math.log(n) / Math.LN2 * 0.6));
    var badge = sites ? '<span class="yq-stack-sites" title="' + esc(str("stack_sites", "site precision")) +
      '">' + sites + "</span>" : "";
    var html = '<div class="yq-stack-ring" style="width:' + size + "px;height:" + size +
      "px;background:conic-gradient(" + stops.join(",") + ')"><span class="yq-stack-count">' + n +
      "</span></div>" + badge;
    return L.divIcon({html: html, className: "yq-stack" + (sites ? " yq-stack-has-site" : ""),
                      iconSize: L.point(size, size)});
  }

  /** One line saying what a group of features at one place is. */
  function placeLine(p, count) {
    var fmt = p.pr === "site" ? str("stack_site", "at their own sites (site precision): {n} features")
      : str("stack_seat", "placed at the seat of {place} ({precision} precision): {n} features");
    return fmt.replace("{place}", esc(p.at || "?")).replace("{precision}", esc((YQ.cfg.precisions || {})[p.pr] || p.pr))
      .replace("{n}", count);
  }

  /** The list popup of a stack: grouped by place (located_at + precision), then by layer. */
  YQ.openStack = function (cluster) {
    var map = YQ.map, markers = cluster.getAllChildMarkers(), places = {}, order = [];
    markers.forEach(function (m) {
      var p = m.feature.properties, key = p.pr === "site" ? "site" : (p.at || "") + "|" + p.pr;
      if (!places[key]) { places[key] = {p: p, layers: {}, n: 0}; order.push(key); }
      var group = places[key].layers[m._yqLayer] = places[key].layers[m._yqLayer] || [];
      group.push(m); places[key].n++;
    });
    order.sort(function (a, b) { return places[b].n - places[a].n; });
    var parts = ['<div class="yq-stack-list" data-count="' + markers.length + '"><b>' +
      esc(str("stack_title", "{n} features here").replace("{n}", markers.length)) + "</b>"];
    order.forEach(function (key) {
      var place = places[key];
      parts.push('<div class="yq-stack-place">' + placeLine(place.p, place.n) + "</div>");
      Object.keys(place.layers).forEach(function (layer) {
        var items = place.layers[layer];
        parts.push('<div class="yq-stack-layer">' + esc((YQ.cfg.layers || {})[layer] || layer) + " (" +
          items.length + ")</div><ul>");
        items.forEach(function (m) {
          parts.push('<li><a href="#" class="yq-stack-item" data-leaflet-id="' + L.stamp(m) + '">' +
            m.feature.properties.tip + "</a></li>");
        });
        parts.push("</ul>");
      });
    });
    parts.push('<a href="#" class="yq-stack-zoom">' + esc(str("stack_zoom", "zoom in")) + "</a></div>");
    var byId = {};
    markers.forEach(function (m) { byId[L.stamp(m)] = m; });
    var popup = stackPopup(map);
    popup._yqClick = function (target) {
      if (target.classList.contains("yq-stack-zoom")) { map.closePopup(popup); cluster.zoomToBounds({padding: [40, 40]}); return; }
      if (target.classList.contains("yq-stack-back")) { YQ.openStack(cluster); return; }
      var m = byId[target.getAttribute("data-leaflet-id")];
      if (m) YQ.openFeature(m, true);
    };
    popup.setLatLng(cluster.getLatLng()).setContent(parts.join(""));
    if (!map.hasLayer(popup)) popup.openOn(map);
    return popup;
  };

  /** The one popup of the stack list and of the features opened from it (a click inside is handled here). */
  function stackPopup(map) {
    if (YQ._stackPopup) return YQ._stackPopup;
    var popup = YQ._stackPopup = L.popup({maxWidth: 380, className: "yq-stack-popup"});
    popup.on("add", function () {
      var root = popup.getElement();
      if (root._yqBound) return;
      root._yqBound = true;
      L.DomEvent.on(root, "click", function (ev) {
        var target = ev.target.closest ? ev.target.closest("a.yq-stack-item, a.yq-stack-zoom, a.yq-stack-back") : null;
        if (!target) return;
        L.DomEvent.preventDefault(ev);
        L.DomEvent.stopPropagation(ev);
        if (popup._yqClick) popup._yqClick(target);
      });
    });
    return popup;
  }

  /** Open a feature's own popup, even while it sits inside a stack (``back``: a link back to the list). */
  YQ.openFeature = function (m, back) {
    var map = YQ.map, content = m.getPopup() ? m.getPopup().getContent() : m.feature.properties.popup;
    if (!back) return L.popup({maxWidth: 380}).setLatLng(m.getLatLng()).setContent(content).openOn(map);
    var popup = stackPopup(map);
    popup.setLatLng(m.getLatLng()).setContent('<a href="#" class="yq-stack-back">← ' +
      esc(str("stack_back", "back to the list")) + "</a>" + content);
    if (!map.hasLayer(popup)) popup.openOn(map);
    return popup;
  };

  /* ---------- a layer of the features file ---------- */
  YQ.data = function (url) {
    window.yqData = window.yqData || {};
    window.yqData[url] = window.yqData[url] || fetch(url).then(function (r) { return r.json(); });
    return window.yqData[url];
  };

  /** The marker of feature ``j`` of a layer of a file, made (and bound) once and kept across redraws. */
  var markers = {};
  function markerOf(key, j, f, options, name) {
    var byIndex = markers[key] = markers[key] || {};
    var m = byIndex[j];
    if (!m) {
      var c = f.geometry.coordinates;
      m = byIndex[j] = options.pointToLayer(f, L.latLng(c[1], c[0]));
      m.feature = f;
      options.onEachFeature(f, m);
      m._yqLayer = name;
    }
    return m;
  }

  /** Put into the stack group exactly the points of the layers now on the map (a diff, not a rebuild). */
  var reconciling = false;
  YQ.reconcile = function () {
    if (reconciling) return;
    reconciling = true;
    setTimeout(function () {  // after the redraw's script and the data callbacks it queued
      reconciling = false;
      var map = YQ.map;
      if (!map) return;
      var cluster = YQ.cluster(map), want = new Set(), toAdd = [], toRemove = [];
      Object.keys(YQ.sources).forEach(function (id) {
        (YQ.sources[id]._points || []).forEach(function (m) { want.add(m); });
      });
      var shown = cluster._yqIn || new Set();
      shown.forEach(function (m) { if (!want.has(m)) toRemove.push(m); });
      want.forEach(function (m) { if (!shown.has(m)) toAdd.push(m); });
      if (toRemove.length) cluster.removeLayers(toRemove);
      if (toAdd.length) cluster.addLayers(toAdd);
      cluster._yqIn = want;
      YQ.scheduleLabels();
    }, 0);
  };

  YQ.DataLayer = L.GeoJSON.extend({
    initialize: function (url, name, spans, canvas, bind) {
      var renderer = canvas ? (window.yqCanvas = window.yqCanvas || L.canvas({padding: 0.3})) : undefined;
      var self = this, key = url + "#" + name;
      this._yqName = name; this._points = []; this._features = [];
      L.GeoJSON.prototype.initialize.call(this, null, {
        renderer: renderer,
        pointToLayer: function (f, ll) { return L.circleMarker(ll, L.extend({renderer: renderer}, f.properties.style)); },
        style: function (f) { return f.properties.style; },
        onEachFeature: function (f, layer) { bind(f, layer); layer._yqLayer = name; }
      });
      YQ.data(url).then(function (data) {
        var all = data[name] || [], positions = [];
        if (spans === null) {
          for (var k = 0; k < all.length; k++) positions.push(k);
        } else {
          for (var i = 0; i < spans.length; i += 2) {
            for (var j = spans[i]; j < spans[i] + spans[i + 1]; j++) positions.push(j);
          }
        }
        YQ.allData = data;  // route stops are found by fid even when filtered out of the drawn layers
        var others = [];
        positions.forEach(function (j) {
          var f = all[j];
          if (f.geometry && f.geometry.type === "Point") self._points.push(markerOf(key, j, f, self.options, name));
          else others.push(f);
        });
        self._features = positions.map(function (j) { return all[j]; });
        self.addData(others);  // lines and polygons: drawn by this GeoJSON layer
        YQ.reconcile();
      });
    },
    onAdd: function (map) {
      L.GeoJSON.prototype.onAdd.call(this, map);
      YQ.sources[L.stamp(this)] = this;
      YQ.reconcile();
    },
    onRemove: function (map) {
      delete YQ.sources[L.stamp(this)];
      YQ.reconcile();
      L.GeoJSON.prototype.onRemove.call(this, map);
      YQ.scheduleLabels();
    }
  });
  /** ``bind`` is the one tooltip/popup binding of the viewer (geo.view.popups.bind_js). */
  YQ.dataLayer = function (url, name, spans, canvas, bind) { return new YQ.DataLayer(url, name, spans, canvas, bind); };

  /* ---------- forced labels (chosen township and partners) and the chosen route ---------- */
  var Registration = L.Layer.extend({
    initialize: function (table, value) { this._table = table; this._value = value; },
    onAdd: function () { YQ[this._table][L.stamp(this)] = this._value; YQ.scheduleLabels(); },
    onRemove: function () { delete YQ[this._table][L.stamp(this)]; YQ.scheduleLabels(); }
  });
  /** Fit the view to bounds once per request number (the zoom button, a chosen route or township). */
  var FitLayer = L.Layer.extend({
    initialize: function (number, bounds) { this._number = number; this._bounds = bounds; },
    onAdd: function (map) {
      if (YQ.fitNumber === this._number) return;
      YQ.fitNumber = this._number;
      YQ.moved = true;  // the first-view fit no longer applies
      map.fitBounds(this._bounds, {padding: [24, 24], maxZoom: 14, animate: false});
    },
    onRemove: function () {}
  });
  YQ.fitTo = function (number, bounds) { return new FitLayer(number, bounds); };
  YQ.forceLabels = function (fids) { return new Registration("forced", fids); };
  YQ.routeStops = function (fids, color) { return new Registration("routes", {fids: fids, color: color}); };

  /* ---------- legend control ---------- */
  YQ.LegendLayer = L.Layer.extend({
    initialize: function (html, title) { this._html = html; this._title = title; },
    onAdd: function (map) {
      if (YQ.legendOpen === undefined) YQ.legendOpen = map.getSize().x >= 1000;
      var control = this._control = L.control({position: "bottomright"});
      var self = this;
      control.onAdd = function () {
        var box = L.DomUtil.create("div", "yq-map-legend leaflet-bar" + (YQ.legendOpen ? " yq-open" : ""));
        var button = L.DomUtil.create("a", "yq-map-legend-toggle", box);
        button.href = "#"; button.setAttribute("role", "button"); button.textContent = self._title;
        var body = L.DomUtil.create("div", "yq-map-legend-body", box);
        body.innerHTML = self._html;  // built and escaped by geo/view/legend.py
        body.style.maxHeight = Math.max(120, map.getSize().y - 140) + "px";
        L.DomEvent.disableClickPropagation(box); L.DomEvent.disableScrollPropagation(box);
        L.DomEvent.on(button, "click", function (ev) {
          L.DomEvent.preventDefault(ev); YQ.legendOpen = !YQ.legendOpen;
          box.classList.toggle("yq-open", YQ.legendOpen);
        });
        return box;
      };
      control.addTo(map);
    },
    onRemove: function () { if (this._control) this._control.remove(); }
  });
  YQ.legend = function (html, title) { return new YQ.LegendLayer(html, title); };

  /* ---------- labels with collision handling ---------- */
  var pending = false;
  YQ.scheduleLabels = function () {
    if (pending) return;
    pending = true;
    (window.requestAnimationFrame || setTimeout)(function () { pending = false; YQ.drawLabels(); });
  };

  var measureCtx = null;
  var widths = {};
  function textWidth(text, px) {
    var key = px + "|" + text;
    if (widths[key] === undefined) {
      measureCtx = measureCtx || document.createElement("canvas").getContext("2d");
      measureCtx.font = "600 " + px + "px " + FONT;
      widths[key] = measureCtx.measureText(text).width;
    }
    return widths[key];
  }

  /** Label markers kept between draws by what they show: a redraw moves them instead of rebuilding them. */
  var pool = {}, used = {};
  function poolMarker(layer, key, ll, make) {
    var m = pool[key];
    if (m) m.setLatLng(ll);
    else m = pool[key] = make();
    if (!layer.hasLayer(m)) layer.addLayer(m);
    used[key] = true;
    return m;
  }
  function prunePool(layer) {
    Object.keys(pool).forEach(function (key) {
      if (!used[key]) { layer.removeLayer(pool[key]); delete pool[key]; }
    });
    used = {};
  }
  function overlaps(box, boxes) {
    for (var i = 0; i < boxes.length; i++) {
      var b = boxes[i];
      if (box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1]) return true;
    }
    return false;
  }

  function forcedFids() {
    var out = {};
    Object.keys(YQ.forced).forEach(function (k) { YQ.forced[k].forEach(function (fid) { out[fid] = 1; }); });
    return out;
  }

  /** Candidate labels of what is drawn: {text, sub, rank, forced, ll | line, fid}. */
  function candidates(zoom) {
    var forced = forcedFids(), out = [];
    Object.keys(YQ.sources).forEach(function (id) {
      (YQ.sources[id]._features || []).forEach(function (f) {
        var p = f.properties;
        if (!p.lb) return;
        var isForced = !!forced[p.fid];
        if (!isForced && zoom < LABEL_ZOOM[p.rk]) return;
        var c = {text: p.lb, sub: p.lb2 || "", rank: p.rk, forced: isForced, fid: p.fid};
        var g = f.geometry;
        if (p.lp) c.ll = L.latLng(p.lp[1], p.lp[0]);
        else if (g.type === "Point") c.ll = L.latLng(g.coordinates[1], g.coordinates[0]);
        else if (g.type === "LineString") c.line = g.coordinates;
        else if (g.type === "MultiLineString") c.line = g.coordinates.reduce(function (a, b) { return a.length > b.length ? a : b; });
        else return;
        out.push(c);
      });
    });
    out.sort(function (a, b) { return (b.forced - a.forced) || (a.rank - b.rank) || (a.text.length - b.text.length); });
    return out;
  }

  function labelIcon(c, w, h, angle, cls) {
    var sub = c.sub ? '<span class="yq-label-sub">' + esc(c.sub) + "</span>" : "";
    var style = angle ? ' style="transform: rotate(' + angle.toFixed(1) + 'deg)"' : "";
    return L.divIcon({className: "yq-label yq-label-r" + c.rank + (c.forced ? " yq-label-forced" : "") + (cls || ""),
                      html: "<span" + style + ">" + esc(c.text) + sub + "</span>",
                      iconSize: L.point(w, h), iconAnchor: L.point(w / 2, h / 2)});
  }

  /** Place a line's label on its longest on-screen segment, turned along it. */
  function placeOnLine(map, c, w, h, size) {
    var best = null;
    for (var i = 0; i + 1 < c.line.length; i++) {
      var a = map.latLngToContainerPoint([c.line[i][1], c.line[i][0]]);
      var b = map.latLngToContainerPoint([c.line[i + 1][1], c.line[i + 1][0]]);
      var mid = a.add(b).divideBy(2), len = a.distanceTo(b);
      if (mid.x < 0 || mid.y < 0 || mid.x > size.x || mid.y > size.y) continue;
      if (!best || len > best.len) best = {a: a, b: b, mid: mid, len: len};
    }
    if (!best || best.len < w * 0.8) return null;
    var angle = Math.atan2(best.b.y - best.a.y, best.b.x - best.a.x) * 180 / Math.PI;
    if (angle > 90) angle -= 180;
    if (angle < -90) angle += 180;
    var rad = Math.abs(angle) * Math.PI / 180, bw = w * Math.cos(rad) + h * Math.sin(rad), bh = w * Math.sin(rad) + h * Math.cos(rad);
    return {pt: best.mid, angle: angle, box: [best.mid.x - bw / 2, best.mid.y - bh / 2, best.mid.x + bw / 2, best.mid.y + bh / 2]};
  }

  /** Screen boxes of the stack icons and single markers now drawn, and each drawn point's visible parent. */
  function iconBoxes(map) {
    var boxes = [], parentOf = {};
    var cluster = YQ._cluster;
    if (!cluster || !cluster._map) return {boxes: boxes, parentOf: parentOf};
    Object.keys(YQ.sources).forEach(function (id) {
      (YQ.sources[id]._points || []).forEach(function (m) {
        var parent = cluster.getVisibleParent(m);
        if (parent && m.feature) parentOf[m.feature.properties.fid] = parent;
      });
    });
    cluster._featureGroup.eachLayer(function (l) {
      var p = map.latLngToContainerPoint(l.getLatLng());
      var iconSize = l._iconObj && l._iconObj.options.iconSize;
      var r = l.getChildCount ? ((iconSize ? iconSize.x : 30) / 2 + 2) : ((l.options.radius || 6) + 1);
      l._yqRadius = r;
      boxes.push([p.x - r, p.y - r, p.x + r, p.y + r]);
    });
    return {boxes: boxes, parentOf: parentOf};
  }

  YQ.drawLabels = function () {
    var map = YQ.map;
    if (!map || !YQ.labelLayer) return;
    var zoom = map.getZoom(), size = map.getSize(), placed = [];
    var icons = iconBoxes(map), boxes = icons.boxes.slice(), labelBoxes = [];
    var stops = drawStops(map, boxes);
    candidates(zoom).forEach(function (c) {
      var px = FONT_PX[c.rank] || 11, w = Math.max(textWidth(c.text, px), c.sub ? textWidth(c.sub, px - 2) : 0) + 8;
      var h = (c.sub ? px * 2.3 : px * 1.3) + 2, box = null, pt = null, angle = 0;
      if (c.line) {
        var on = placeOnLine(map, c, w, h, size);
        if (!on || (!c.forced && overlaps(on.box, boxes))) return;
        pt = on.pt; box = on.box; angle = on.angle;
      } else {
        var parent = icons.parentOf[c.fid];
        var at = map.latLngToContainerPoint(parent ? parent.getLatLng() : c.ll);
        if (at.x < -w || at.y < -h || at.x > size.x + w || at.y > size.y + h) return;
        var r = parent && parent._yqRadius ? parent._yqRadius : 6;
        // where to try: on the place (county names), else right, left, above, below the dot or stack
        var tries = c.rank === 0 ? COUNTY_TRIES.map(function (t) { return [t[0] * w, t[1] * h]; }) : [[w / 2 + r + 3, 0], [-(w / 2 + r + 3), 0], [0, -(h / 2 + r + 2)], [0, h / 2 + r + 2]];
        // a county name first looks for a free place near its centre; failing that it may pass
        // under a stack icon (drawn above it), never over another label
        var passes = c.rank === 0 ? [boxes, labelBoxes] : [boxes];
        for (var k = 0; k < passes.length && !box; k++) {
          for (var i = 0; i < tries.length; i++) {
            var q = at.add(tries[i]), b = [q.x - w / 2, q.y - h / 2, q.x + w / 2, q.y + h / 2];
            if (!overlaps(b, passes[k])) { pt = q; box = b; break; }
          }
        }
        if (!box && c.forced) { pt = at.add(tries[0]); box = [pt.x - w / 2, pt.y - h / 2, pt.x + w / 2, pt.y + h / 2]; }
        if (!box) return;
      }
      boxes.push(box);
      labelBoxes.push(box);
      placed.push(c);
      var key = c.rank + "|" + (c.forced ? 1 : 0) + "|" + c.text + "|" + c.sub + "|" + Math.round(angle);
      poolMarker(YQ.labelLayer, key, map.containerPointToLatLng(pt), function () {
        return L.marker(map.containerPointToLatLng(pt), {icon: labelIcon(c, w, h, angle), pane: "yqLabels",
                                                          interactive: false, keyboard: false});
      });
    });
    prunePool(YQ.labelLayer);
    YQ.labelCount = placed.length;
    YQ.placedLabels = placed.map(function (c) { return c.text; });
    YQ.stopCount = stops;
  };

  /** Numbered stops and direction arrows of the chosen routes (from the features file, by fid). */
  function drawStops(map, boxes) {
    YQ.stopLayer.clearLayers();
    var keys = Object.keys(YQ.routes);
    if (!keys.length) return 0;
    var index = YQ._fidIndex();
    var count = 0;
    keys.forEach(function (k) {
      var route = YQ.routes[k], pts = [];
      route.fids.forEach(function (fid) { var f = index[fid]; if (f && f.geometry.type === "Point") pts.push(f); });
      pts.forEach(function (f, i) {
        var ll = L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]);
        if (i + 1 < pts.length) {
          var next = L.latLng(pts[i + 1].geometry.coordinates[1], pts[i + 1].geometry.coordinates[0]);
          var a = map.latLngToContainerPoint(ll), b = map.latLngToContainerPoint(next);
          if (a.distanceTo(b) > 36) {
            var angle = Math.atan2(b.y - a.y, b.x - a.x) * 180 / Math.PI;
            L.marker(map.containerPointToLatLng(a.add(b).divideBy(2)), {pane: "yqStops", interactive: false,
              icon: L.divIcon({className: "yq-route-arrow", iconSize: L.point(14, 14),
                html: '<span style="color:' + esc(route.color) + ";transform:rotate(" + angle.toFixed(1) + 'deg)">➤</span>'})})
              .addTo(YQ.stopLayer);
          }
        }
        var num = L.marker(ll, {pane: "yqStops", title: f.properties.lb || "", icon: L.divIcon({
          className: "yq-route-stop", iconSize: L.point(22, 22),
          html: '<span style="background:' + esc(route.color) + '">' + (i + 1) + "</span>"})}).addTo(YQ.stopLayer);
        num.on("click", function () {
          L.popup({maxWidth: 380}).setLatLng(ll).setContent(f.properties.popup).openOn(map);
        });
        var p = map.latLngToContainerPoint(ll);
        boxes.push([p.x - 11, p.y - 11, p.x + 11, p.y + 11]);
        var name = f.properties.lb || "";
        if (name) {
          var w = textWidth(name, 12) + 8, h = 17, c = p.add([w / 2 + 14, 0]);
          boxes.push([c.x - w / 2, c.y - h / 2, c.x + w / 2, c.y + h / 2]);
          L.marker(map.containerPointToLatLng(c), {pane: "yqLabels", interactive: false, keyboard: false,
            icon: labelIcon({text: name, rank: 1, forced: true}, w, h, 0, " yq-label-stop")}).addTo(YQ.stopLayer);
        }
        count++;
      });
    });
    return count;
  }

  YQ._fidIndex = function () {
    var index = {};
    Object.keys(YQ.allData || {}).forEach(function (layer) {
      YQ.allData[layer].forEach(function (f) { index[f.properties.fid] = f; });
    });
    return index;
  };
})();
