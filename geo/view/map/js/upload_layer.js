/* Big uploads (geo/view/upload_layer.py): points clustered by Supercluster and drawn on a canvas,
 * only those of the current view; lines and polygons on Leaflet's canvas renderer.
 * Every string in the data file (title, column names, values) was HTML-escaped by the server:
 * they are only concatenated here, never parsed from user text. */
(function () {
  "use strict";
  // url -> Promise of the parsed file, fetched once per map (the map script may have started the fetch)
  var files = window.__yqUploadFiles = window.__yqUploadFiles || {};
  var built = {};   // url + positions -> {points, shapes, index}: a filter set again is not indexed again
  var builtOrder = [];
  var MAX_BUILT = 6;

  function load(url) {
    if (!files[url]) {
      files[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error("upload file " + url + ": HTTP " + r.status);
        return r.json();
      });
    }
    return files[url];
  }

  function positionsOf(runs, total) {
    if (runs === null || runs === undefined) {
      var all = new Array(total);
      for (var i = 0; i < total; i++) all[i] = i;
      return all;
    }
    var out = [];
    if (runs.mask !== undefined) {  // one bit per feature, least significant bit first (upload_layer.mask_text)
      var bits = atob(runs.mask);
      for (var b = 0; b < bits.length; b++) {
        var byte = bits.charCodeAt(b);
        for (var bit = 0; byte && bit < 8; bit++, byte >>= 1) {
          if ((byte & 1) && b * 8 + bit < total) out.push(b * 8 + bit);
        }
      }
      return out;
    }
    for (var k = 0; k + 1 < runs.length; k += 2) {
      for (var j = 0; j < runs[k + 1]; j++) out.push(runs[k] + j);
    }
    return out;
  }

  function rowsHtml(data, i, limit) {
    var html = "", shown = 0, hidden = 0;
    for (var c = 0; c < data.columns.length; c++) {
      var value = data.values[c][i];
      if (!value) continue;
      if (shown < limit) { html += "<tr><th>" + data.columns[c] + "</th><td>" + value + "</td></tr>"; shown++; }
      else hidden++;
    }
    return "<table>" + html + "</table>" + (hidden ? "<p>… " + hidden + "</p>" : "");
  }

  function popupHtml(data, i, limit) {
    return '<div class="yq-popup"><b>' + data.title + "</b>" + rowsHtml(data, i, limit) + "</div>";
  }

  var UploadLayer = L.Layer.extend({
    initialize: function (url, runs, options) {
      this._url = url;
      this._runs = runs;
      this._opts = options || {};
      this._drawn = L.layerGroup();
      this._shapes = null;
      this._index = null;
      this._points = 0;
      this._shapeCount = 0;
      this.ready = false;
      /** performance.now() of each step (created, file loaded, index built, drawn): read by the benchmark. */
      this.timings = {created: performance.now()};
    },
    /** Features this layer holds (points in the cluster index + lines/polygons), for tests and the bench. */
    count: function () { return this._points + this._shapeCount; },
    onAdd: function (map) {
      var self = this;
      this._map = map;
      this._renderer = this._renderer || L.canvas({padding: 0.3});
      this._drawn.addTo(map);
      map.on("moveend", this._redraw, this);
      window.yqUpload = this;
      load(this._url).then(function (data) {
        if (!self._map) return;
        self.timings.loaded = performance.now();
        self._build(data);
        self.timings.built = performance.now();
        self._redraw();
        self.timings.drawn = performance.now();
        self.ready = true;
      });
    },
    onRemove: function (map) {
      map.off("moveend", this._redraw, this);
      map.removeLayer(this._drawn);
      if (this._shapes) map.removeLayer(this._shapes);
      if (window.yqUpload === this) window.yqUpload = null;
      this._map = null;
    },
    _build: function (data) {
      this._data = data;
      var key = this._url + "|" + JSON.stringify(this._runs);
      var hit = built[key];
      if (!hit) {
        hit = built[key] = this._index_of(data);
        builtOrder.push(key);
        if (builtOrder.length > MAX_BUILT) delete built[builtOrder.shift()];
      }
      this._points = hit.points;
      this._shapeCount = hit.shapes.length;
      this._index = hit.index;
      this._drawShapes(data, hit.shapes);
    },
    _index_of: function (data) {
      var n = data.xy.length / 2;
      var positions = positionsOf(this._runs, n);
      var points = [], shapes = [];
      for (var k = 0; k < positions.length; k++) {
        var i = positions[k];
        var x = data.xy[2 * i];
        if (x === null) {
          var geometry = data.shapes[i];
          if (geometry) shapes.push({type: "Feature", geometry: geometry, properties: {i: i, kind: data.kinds[i]}});
        } else {
          points.push({type: "Feature", geometry: {type: "Point", coordinates: [x, data.xy[2 * i + 1]]},
                       properties: {i: i}});
        }
      }
      var index = new Supercluster({radius: this._opts.radius || 50, maxZoom: this._opts.maxZoom || 13,
                                    minPoints: 3}).load(points);
      return {points: points.length, shapes: shapes, index: index};
    },
    _drawShapes: function (data, shapes) {
      if (shapes.length) {
        var renderer = this._renderer, styles = data.styles, limit = this._opts.popupRows || 40;
        var width = this._opts.popupMaxWidth || 420;
        this._shapes = L.geoJSON({type: "FeatureCollection", features: shapes}, {
          renderer: renderer,
          style: function (f) { return L.extend({renderer: renderer}, styles[f.properties.kind] || styles.polygon); },
          onEachFeature: function (f, layer) {
            layer.bindPopup(function () { return popupHtml(data, f.properties.i, limit); }, {maxWidth: width});
          }
        }).addTo(this._map);
      }
    },
    _redraw: function () {
      if (!this._index || !this._map) return;
      var map = this._map, data = this._data, self = this;
      var b = map.getBounds().pad(0.2);
      var zoom = Math.round(map.getZoom());
      var items = this._index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom);
      var style = data.styles.point, limit = this._opts.popupRows || 40, width = this._opts.popupMaxWidth || 420;
      this._drawn.clearLayers();
      for (var k = 0; k < items.length; k++) {
        var item = items[k], c = item.geometry.coordinates, ll = L.latLng(c[1], c[0]);
        if (item.properties.cluster) {
          var count = item.properties.point_count;
          var size = count < 100 ? 26 : count < 1000 ? 32 : count < 10000 ? 38 : 44;
          var label = count >= 10000 ? Math.round(count / 1000) + "k" : count >= 1000 ? (count / 1000).toFixed(1) + "k"
            : String(count);
          var marker = L.marker(ll, {keyboard: false, icon: L.divIcon({className: "yq-upload-cluster",
            iconSize: [size, size], html: '<div style="width:' + size + "px;height:" + size + "px;line-height:" + size
              + "px;border-radius:50%;text-align:center;font:600 11px sans-serif;color:#fff;background:"
              + style.color + ";opacity:0.85;border:2px solid " + style.fillColor + '">' + label + "</div>"})});
          marker.bindTooltip(String(count), {direction: "top"});
          marker._yqCluster = item.properties.cluster_id;
          marker.on("click", function (e) {
            var z = self._index.getClusterExpansionZoom(e.target._yqCluster);
            map.setView(e.target.getLatLng(), Math.min(z, map.getMaxZoom()));
          });
          this._drawn.addLayer(marker);
        } else {
          var i = item.properties.i;
          var point = L.circleMarker(ll, L.extend({}, style, {renderer: this._renderer, radius: 5}));
          point._yqRow = i;
          point.bindPopup(function (layer) { return popupHtml(data, layer._yqRow, limit); }, {maxWidth: width});
          this._drawn.addLayer(point);
        }
      }
      this.drawnItems = items.length;
    }
  });

  window.YQUpload = {
    layer: function (url, runs, options) { return new UploadLayer(url, runs, options); },
    positionsOf: positionsOf
  };
})();
