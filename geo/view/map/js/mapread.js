/* A map people can read (geo.view, issue 11): stacks, labels, numbered route stops, legend.
 *
 * Joined after Leaflet and its plugins into the one served script (geo/view/assets.py).
 * Everything reads the features file the map already fetched (geo/view/mapdata.py):
 * no second copy of any feature is sent.
 *
 *  - YQ.DataLayer: one layer of the file, picked by positions; its lines and polygons are
 *    drawn as GeoJSON, its points go into the map's one marker-cluster group (stacks).
 *    Every feature's Leaflet layer is made once per file and kept: a redraw (streamlit-folium
 *    removes the old groups and runs the new ones) leaves drawn what the new groups hold again
 *    and only adds and removes the difference (YQ.reconcile).
 *  - Stacks: a cluster icon shows its count, a ring split by layer colour and a badge when it
 *    holds site-precision features; a click opens a list grouped by place and layer, each item
 *    opening that feature's own popup.
 *  - The stack group itself (YQ.cluster, its icons and list popups): stacks.js, joined after this file.
 *  - Labels and the chosen route's numbered stops: labels.js, joined after this file.
 *  - Legend: a collapsible control inside the map (kept in fullscreen): legend.js, joined after this file.
 *  - A filter change drawn before the server's answer: predict.js, joined after this file (DataLayer.show).
 * Text from the data arrives HTML-escaped in tip/popup; labels are set as text (never HTML).
 */
(function () {
  "use strict";
  var YQ = window.YQ = window.YQ || {};
  YQ.sources = {};   // DataLayer id -> DataLayer on the map
  YQ.forced = {};    // id -> list of fids always labelled
  YQ.routes = {};    // id -> {fids, color}
  YQ.cfg = YQ.cfg || {strings: {}, layers: {}, precisions: {}};
  /** Layers the filter does not narrow (geo.filters.stepped_back) and how they step back: "pale" or "hide". */
  YQ.back = YQ.back || {layers: {}, mode: "pale"};
  /** Pale drawing of a stepped-back layer (geo.symbology.STEP_BACK_PALE, given by the server's answer). */
  YQ.pale = YQ.pale || {opacity: 0.25, weight: 3};

  function esc(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  YQ.esc = esc;
  function str(key, fallback) { return (YQ.cfg.strings || {})[key] || fallback; }

  /* Markers (points, stacks, labels, stop numbers) are placed with a 2D translate, not Leaflet's
   * translate3d: a 3D transform makes every marker a compositor layer of its own, and with hundreds
   * to thousands of them the browser's layer work took more of a filter redraw than the drawing
   * (at 10x the plan, 172 -> 70 ms of "Layerize" per change).  The panes keep their 3D transforms,
   * so a pan still moves one layer, and the zoom animation still runs (a transition on transform).
   * The body is Leaflet 1.9's Marker._setPos with the 2D placement of L.DomUtil.setTransform. */
  if (!L.Marker.prototype._yqFlat) {
    var place = function (el, p) {
      el._leaflet_pos = p;
      el.style.transform = "translate(" + p.x + "px," + p.y + "px)";
    };
    L.Marker.prototype._yqFlat = true;
    L.Marker.prototype._setPos = function (pos) {
      if (this._icon) place(this._icon, pos);
      if (this._shadow) place(this._shadow, pos);
      this._zIndex = pos.y + this.options.zIndexOffset;
      this._resetZIndex();
    };
  }

  /* ---------- set-up of a map: config, panes, first view, popups that fit ---------- */
  YQ.setup = function (map, cfg) {
    YQ.cfg = cfg || YQ.cfg;
    YQ.map = map;
    if (YQ.cfg.pale) YQ.pale = YQ.cfg.pale;
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
    // the size the map measured when it was made, in this same script: the first fit needs no new measure
    // (invalidateSize reads the box again, a forced layout of the page: 17-29 ms of the preview's first paint)
    var measured = true;
    function fit() {
      if (YQ.moved || !YQ.cfg.fit) return;
      fitting = true;
      if (!measured) map.invalidateSize({pan: false});
      measured = false;
      map.fitBounds(YQ.cfg.fit, YQ.fitOptions(8));
      fitting = false;
    }
    YQ.fitFirstView = fit;
    fit();
    if (YQ.watchFilters) YQ.watchFilters(YQ.cfg.filters);  // predict.js: filter changes drawn here first
    if (window.ResizeObserver) {
      // a view the visitor chose (or was handed from the preview) keeps its centre, as Leaflet does on a
      // window resize; the first view is fitted again.  Its first notice (every observe gives one, in the
      // first frame) of the size the map was just fitted at is passed over: fitted again, every line and
      // polygon was clipped and written anew before that frame (50 ms of the preview's first paint).
      var fittedAt = map.getSize();
      new ResizeObserver(function () {
        var box = map.getContainer(), size = L.point(box.clientWidth, box.clientHeight);
        if (fittedAt && size.equals(fittedAt)) { fittedAt = null; return; }
        fittedAt = null;
        map.invalidateSize({pan: YQ.moved}); fit(); YQ.scheduleLabels();
      }).observe(map.getContainer());
    }
    return map;
  };

  /** fitBounds options keeping the subject clear of the map's controls: the buttons down the top left
   *  (zoom, fullscreen, measure: CONTROLS_PX wide) and the legend at the bottom right when it is open. */
  var CONTROLS_PX = 44;
  YQ.fitOptions = function (pad) {
    var legend = YQ.legendSize ? YQ.legendSize() : null, size = YQ.map ? YQ.map.getSize() : null;
    var left = size && size.x > 3 * CONTROLS_PX + 200 ? CONTROLS_PX : 0;
    var right = legend && size && legend.x < size.x / 2 ? legend.x : 0;
    return {paddingTopLeft: [pad + left, pad], paddingBottomRight: [pad + right, pad], animate: false};
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

  /** The line or polygon of feature ``j`` of a layer of a file, made, styled and bound once and kept across
   *  redraws (a redraw adds the kept layer again instead of converting the GeoJSON anew). */
  var shapes = {};
  function shapeOf(key, j, f, geojson) {
    var byIndex = shapes[key] = shapes[key] || {};
    var layer = byIndex[j];
    if (!layer) {
      layer = byIndex[j] = L.GeoJSON.geometryToLayer(f, geojson.options);
      layer.feature = L.GeoJSON.asFeature(f);
      layer.defaultOptions = layer.options;
      geojson.resetStyle(layer);
      geojson.options.onEachFeature(f, layer);
    }
    return layer;
  }

  /** Lines and polygons whose layer left the map: they stay drawn until the reconcile, and those that the
   *  redraw's new layers hold again are never taken off (no SVG or canvas churn for unchanged features). */
  var leaving = new Set();

  function isBack(name) { return !!YQ.back.layers[name]; }
  YQ.isBack = isBack;

  /** The style of a feature drawn pale behind the others: fainter, thinner, never a stack. */
  function paleStyle(s) {
    var out = L.extend({}, s);
    out.opacity = (s.opacity == null ? 1 : s.opacity) * YQ.pale.opacity;
    out.fillOpacity = (s.fillOpacity == null ? 0.2 : s.fillOpacity) * YQ.pale.opacity;
    if (s.weight) out.weight = Math.min(s.weight, YQ.pale.weight);
    if (s.radius) out.radius = Math.max(3, s.radius - 2);
    return out;
  }
  /** Draw a feature's layer pale (or back at its own style); only when that changes. */
  function setPale(layer, pale) {
    if (!!layer._yqPale === pale || !layer.setStyle || !layer.feature) return;
    layer._yqPale = pale;
    var s = layer.feature.properties.style || {};
    layer.setStyle(pale ? paleStyle(s) : s);
    if (layer.setRadius && s.radius) layer.setRadius(pale ? paleStyle(s).radius : s.radius);
  }

  /** New stepped-back layers and mode (the server's answer, or a change drawn here): every layer redrawn so. */
  YQ.setBack = function (layers, mode) {
    var next = {};
    (layers || []).forEach(function (name) { next[name] = true; });
    var same = mode === YQ.back.mode && Object.keys(next).sort().join() === Object.keys(YQ.back.layers).sort().join();
    YQ.back = {layers: next, mode: mode || "pale"};
    if (same) return false;
    Object.keys(YQ.sources).forEach(function (id) {
      var source = YQ.sources[id];
      if (source._yqLoaded && source._yqShown) source.show(source._yqShown);
    });
    return true;
  };

  /** The group of the pale points of stepped-back layers: drawn under the stacks, never stacked. */
  function paleGroup(map) {
    if (YQ._paleGroup && YQ._paleGroup._map === map) return YQ._paleGroup;
    YQ._paleGroup = L.featureGroup().addTo(map);
    return YQ._paleGroup;
  }

  /** Put into the stack group exactly the points of the layers now on the map (a diff, not a rebuild),
   *  and take off the map the lines and polygons no layer on it holds any more. */
  var reconciling = false;
  YQ.reconcile = function () {
    if (reconciling) return;
    reconciling = true;
    setTimeout(function () {  // after the redraw's script and the data callbacks it queued
      reconciling = false;
      YQ.reconcileNow();
    }, 0);
  };
  /** The reconcile itself, at once (a filter change drawn in the frame: predict.js). */
  YQ.reconcileNow = function () {
    var map = YQ.map;
    if (!map || YQ.loading()) return;  // a new features file (an editor's save): the old drawing stays till it comes
    leaving.forEach(function (layer) { if (layer._map) layer._map.removeLayer(layer); });
    leaving.clear();
    var cluster = YQ.cluster(map), want = new Set(), toAdd = [], toRemove = [], pale = paleGroup(map);
    var paleWant = new Set();
    Object.keys(YQ.sources).forEach(function (id) {
      var back = isBack(YQ.sources[id]._yqName);
      (YQ.sources[id]._points || []).forEach(function (m) { (back ? paleWant : want).add(m); });
    });
    pale.eachLayer(function (m) { if (!paleWant.has(m)) pale.removeLayer(m); });
    paleWant.forEach(function (m) {
      if (want.has(m)) return;
      if (cluster._yqIn && cluster._yqIn.has(m)) { cluster.removeLayer(m); cluster._yqIn.delete(m); }
      if (!pale.hasLayer(m)) pale.addLayer(m);
    });
    var shown = cluster._yqIn || new Set();
    shown.forEach(function (m) { if (!want.has(m)) toRemove.push(m); });
    want.forEach(function (m) { if (!shown.has(m)) toAdd.push(m); });
    if (toRemove.length + toAdd.length > want.size) {  // a rebuild is cheaper than the diff (10x: 31 vs 76 ms)
      cluster.clearLayers();
      cluster.addLayers(Array.from(want));
    } else {
      if (toRemove.length) cluster.removeLayers(toRemove);
      if (toAdd.length) cluster.addLayers(toAdd);
    }
    cluster._yqIn = want;
    YQ.scheduleLabels();
    announceDrawn();
  };

  /** Whether a data layer on the map still waits for its features file (YQ.reconcile runs when it comes). */
  YQ.loading = function () {
    return Object.keys(YQ.sources).some(function (id) { return !YQ.sources[id]._yqLoaded; });
  };

  /* What the first painted frame does not need (tooltips and popups, labels: labels.js) is done once that
   * frame is painted: in a cold load the preview's frame shares the page's one thread, and its first paint
   * waited for the binding of every feature and the placing of every label. */
  var afterPaint = [], afterPaintTimer = null;
  /** Run ``fn`` once the map's first frame with every feature is painted (at once if it has been). */
  YQ.afterFirstPaint = function (fn) {
    if (YQ.paintedAt) { fn(); return; }
    afterPaint.push(fn);
    // a map whose layers never all draw (one removed before its file came) still binds and labels
    if (afterPaintTimer === null) afterPaintTimer = setTimeout(flushAfterPaint, AFTER_PAINT_LATEST_MS);
  };
  /** Run ``fn`` as soon as the map's first frame with every feature is painted (at once if it has been), in a
   *  task after the page around it is told: the basemap's tile layer (geo.view.map._base.DeferredTiles), whose grid of
   *  tiles, laid out twice before that frame (at the map's first view, then at the fit), cannot be in it. */
  var atPaint = [], atPaintTimer = null;
  YQ.atFirstPaint = function (fn) {
    if (YQ.paintedAt) { fn(); return; }
    atPaint.push(fn);
    if (atPaintTimer !== null) return;
    atPaintTimer = setTimeout(flushAtPaint, AFTER_PAINT_LATEST_MS);  // a map whose layers never all draw
    setTimeout(function () {  // a map with no data layer (the editor's small map) announces no paint
      if (!Object.keys(YQ.sources).length) flushAtPaint();
    }, 0);
  };
  function flushAtPaint() {
    if (atPaintTimer !== null) { clearTimeout(atPaintTimer); atPaintTimer = null; }
    var now = atPaint;
    atPaint = [];
    for (var i = 0; i < now.length; i++) now[i]();
  }
  /** Latest time (ms after the first deferred call) at which the deferred work runs, painted or not. */
  var AFTER_PAINT_LATEST_MS = 3000;
  function flushAfterPaint() {
    if (afterPaintTimer !== null) { clearTimeout(afterPaintTimer); afterPaintTimer = null; }
    var queued = afterPaint;
    afterPaint = [];
    for (var i = 0; i < queued.length; i++) queued[i]();
  }
  /** The deferred work in the thread's idle time (Streamlit's own start shares it with the preview), in
   *  slices that fit, each within IDLE_WAIT_MS of being asked for. */
  var IDLE_WAIT_MS = 300;
  function flushWhenIdle() {
    if (!window.requestIdleCallback) { setTimeout(flushAfterPaint, 0); return; }
    requestIdleCallback(function slice(deadline) {
      while (afterPaint.length && (deadline.didTimeout || deadline.timeRemaining() > 2)) afterPaint.shift()();
      if (afterPaint.length) requestIdleCallback(slice, {timeout: IDLE_WAIT_MS});
      else flushAfterPaint();
    }, {timeout: IDLE_WAIT_MS});
  }
  YQ.flushAfterPaint = flushAfterPaint;

  /** Once every data layer on the map has drawn its features: note when (YQ.drawnAt, YQ.paintedAt,
   *  ms of this page's clock) and tell the page around it (the preview's hand-over, js/preview.js). */
  function announceDrawn() {
    var ids = Object.keys(YQ.sources);
    if (YQ.drawnAt || !ids.length) return;
    for (var i = 0; i < ids.length; i++) if (!YQ.sources[ids[i]]._yqLoaded) return;
    YQ.drawnAt = performance.now();
    requestAnimationFrame(function () {  // a task queued from this frame runs once it is painted
      var channel = new MessageChannel();
      channel.port1.onmessage = function () {
        YQ.paintedAt = performance.now();
        try {
          var host = window.parent;
          if (host && host !== window && host.yqPreview) host.yqPreview.drawn(window);
        } catch (e) { /* a page of another origin around the map: nothing to tell */ }
        setTimeout(flushAtPaint, 0);  // the basemap's tiles, once Streamlit's start (preview.js) is under way
        flushWhenIdle();  // tooltips, popups and labels, after the first frame, when the thread is free
      };
      channel.port2.postMessage(0);
    });
  }

  /** Positions of a layer held by a filter change drawn before the server's answer (predict.js); null: none. */
  YQ.heldPositions = YQ.heldPositions || function () { return null; };

  YQ.DataLayer = L.GeoJSON.extend({
    initialize: function (url, name, spans, canvas, bind) {
      var renderer = canvas ? (window.yqCanvas = window.yqCanvas || L.canvas({padding: 0.3})) : undefined;
      var self = this;
      this._yqName = name; this._yqUrl = url; this._yqKey = url + "#" + name; this._points = []; this._features = [];
      L.GeoJSON.prototype.initialize.call(this, null, {
        renderer: renderer,
        pointToLayer: function (f, ll) { return L.circleMarker(ll, L.extend({renderer: renderer}, f.properties.style)); },
        style: function (f) { return f.properties.style; },
        onEachFeature: function (f, layer) {
          layer._yqLayer = name;
          if (YQ.paintedAt) bind(f, layer);
          else YQ.afterFirstPaint(function () { bind(f, layer); });  // not needed by the first frame
        }
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
        self._yqAll = all;
        self._yqServed = positions;  // the server's answer
        self.show(YQ.heldPositions(self) || positions);
        self._yqLoaded = true;
        YQ.reconcile();
      });
    },
    /** Hold exactly the features at ``positions`` of the layer (the caller reconciles the stacks). */
    show: function (positions) {
      var all = this._yqAll || [], keep = new Set(), points = [], self = this;
      var back = isBack(this._yqName);
      this._yqShown = positions;
      if (back && YQ.back.mode === "hide") positions = [];
      positions.forEach(function (j) {
        var f = all[j];
        if (!f || !f.geometry) return;
        if (f.geometry.type === "Point") points.push(markerOf(self._yqKey, j, f, self.options, self._yqName));
        else keep.add(shapeOf(self._yqKey, j, f, self));
      });
      this.eachLayer(function (layer) { if (!keep.has(layer)) self.removeLayer(layer); });
      keep.forEach(function (shape) {  // lines and polygons: still drawn when the last redraw held them
        if (self._map) leaving.delete(shape);
        self.addLayer(shape);
        setPale(shape, back);
        if (back && shape.bringToBack && shape._map) shape.bringToBack();  // behind what the filter kept
      });
      points.forEach(function (m) { setPale(m, back); });
      this._points = points;
      this._features = positions.map(function (j) { return all[j]; });
    },
    onAdd: function (map) {
      L.GeoJSON.prototype.onAdd.call(this, map);
      var self = this;
      this.eachLayer(function (layer) { leaving.delete(layer); layer.addEventParent(self); });
      YQ.sources[L.stamp(this)] = this;
      YQ.reconcile();
    },
    onRemove: function () {
      // the shapes are taken off at the reconcile, unless the next layers hold them again
      var self = this;
      this.eachLayer(function (layer) { leaving.add(layer); layer.removeEventParent(self); });
      delete YQ.sources[L.stamp(this)];
      YQ.reconcile();
      YQ.scheduleLabels();
    }
  });
  /** ``bind`` is the one tooltip/popup binding of the viewer (geo.view.map._popups.bind_js). */
  YQ.dataLayer = function (url, name, spans, canvas, bind) { return new YQ.DataLayer(url, name, spans, canvas, bind); };

  /* ---------- forced labels (chosen township and partners) and the chosen route ---------- */
  var Registration = L.Layer.extend({
    initialize: function (table, value) { this._table = table; this._value = value; },
    onAdd: function () { YQ[this._table][L.stamp(this)] = this._value; YQ.scheduleLabels(); },
    onRemove: function () { delete YQ[this._table][L.stamp(this)]; YQ.scheduleLabels(); }
  });
  /** Padding (px) of a fit to a chosen route or township: room for the spread stop numbers and their names. */
  var FIT_PAD = 40;
  /** Fit the view to bounds once per request number (the zoom button, a chosen route or township). */
  var FitLayer = L.Layer.extend({
    initialize: function (number, bounds) { this._number = number; this._bounds = bounds; },
    onAdd: function (map) {
      if (YQ.fitNumber === this._number) return;
      YQ.fitNumber = this._number;
      YQ.moved = true;  // the first-view fit no longer applies
      YQ.chosenBounds = this._bounds;
      map.fitBounds(this._bounds, L.extend(YQ.fitOptions(FIT_PAD), {maxZoom: 14}));
    },
    onRemove: function () {}
  });
  /** The legend opened over what the last fit chose: fitted again, clear of it. */
  YQ.refitChosen = function () {
    if (!YQ.map || !YQ.chosenBounds) return;
    var bounds = L.latLngBounds(YQ.chosenBounds), map = YQ.map, legend = YQ.legendSize && YQ.legendSize();
    if (!legend) return;
    var ne = map.latLngToContainerPoint(bounds.getNorthEast()), sw = map.latLngToContainerPoint(bounds.getSouthWest());
    if (Math.max(ne.x, sw.x) < map.getSize().x - legend.x - 4) return;  // clear of it already
    map.fitBounds(bounds, L.extend(YQ.fitOptions(FIT_PAD), {maxZoom: map.getZoom()}));
  };
  YQ.fitTo = function (number, bounds) { return new FitLayer(number, bounds); };
  YQ.forceLabels = function (fids) { return new Registration("forced", fids); };
  YQ.routeStops = function (fids, color) { return new Registration("routes", {fids: fids, color: color}); };

})();
