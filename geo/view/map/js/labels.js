/* Labels with collision handling and the chosen route's numbered stops (geo.view, issue 11).
 *
 * Joined after mapread.js into the one served script (geo/view/assets.py); it adds
 * YQ.scheduleLabels and YQ.drawLabels, which mapread.js calls on zoom, move, resize and redraw.
 *  - Labels: counties always, townships from LABEL_ZOOM[1], corridors (along the line) from
 *    LABEL_ZOOM[2], sites from LABEL_ZOOM[3]; greedy collision pass in priority order (a
 *    lower-priority label is shifted or dropped); the chosen township and its partners are
 *    always labelled.
 *  - Routes: the chosen route's stops numbered 1..n in its colour, named, with arrows on legs.
 *  - An open popup is read first: the map's controls it overlaps are hidden until it closes
 *    (Leaflet's control corners sit above every map pane, the popup pane included).
 * Labels are set as text (never HTML); popups reuse YQ.esc from mapread.js.
 */
(function () {
  "use strict";
  var YQ = window.YQ = window.YQ || {};
  var esc = YQ.esc;
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

  /* ---------- labels with collision handling ---------- */
  var pending = false;
  var afterPaint = false;
  /** Whether the labels wait for the first frame with every feature to be painted (mapread.js); if so, asked for then. */
  function waitForPaint() {
    if (YQ.paintedAt || !YQ.afterFirstPaint || !Object.keys(YQ.sources || {}).length) return false;
    if (!afterPaint) { afterPaint = true; YQ.afterFirstPaint(function () { afterPaint = false; YQ.scheduleLabels(); }); }
    return true;
  }
  YQ.scheduleLabels = function () {
    if (waitForPaint() || pending) return;
    pending = true;
    (window.requestAnimationFrame || setTimeout)(function () { pending = false; if (!waitForPaint()) YQ.drawLabels(); });
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
  function overlapsAny(box, boxes) {
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
      if (YQ.isBack && YQ.isBack(YQ.sources[id]._yqName)) return;  // a layer stepped back is not labelled
      (YQ.sources[id]._features || []).forEach(function (f) {
        var p = f.properties;
        if (!p.lb) return;
        var isForced = !!forced[p.fid];
        if (!isForced && zoom < LABEL_ZOOM[p.rk]) return;
        var c = {text: p.lb, sub: p.lb2 || "", rank: p.rk, forced: isForced, fid: p.fid};
        var g = f.geometry;
        if (!g) return;  // a feature of unknown position is not drawn, so not labelled
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

  /** Screen box of a stack's site-precision badge (.yq-stack-sites in geo.view.map._base: 6 px above the ring's
   *  top, 8 px past its right edge, 14 px high with a 1.5 px border, about 6.5 px a digit plus its padding). */
  function badgeBox(p, half, sites) {
    var right = p.x + half + 8 + 1.5, top = p.y - half - 6 - 1.5;
    return [right - (String(sites).length * 6.5 + 8 + 3), top, right, top + 17];
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
      var icon = l._iconObj && l._iconObj.options, iconSize = icon && icon.iconSize;
      var r = l.getChildCount ? ((iconSize ? iconSize.x : 30) / 2 + 2) : ((l.options.radius || 6) + 1);
      l._yqRadius = r;
      boxes.push([p.x - r, p.y - r, p.x + r, p.y + r]);
      if (icon && icon.yqSites) boxes.push(badgeBox(p, iconSize.x / 2, icon.yqSites));
    });
    return {boxes: boxes, parentOf: parentOf};
  }

  YQ.drawLabels = function () {
    var map = YQ.map;
    if (!map || !YQ.labelLayer || (YQ.loading && YQ.loading())) return;  // kept till the new file has come
    if (!YQ.labelledAt && Object.keys(YQ.sources).length) YQ.labelledAt = performance.now();  // tests: after the first paint
    var zoom = map.getZoom(), size = map.getSize(), placed = [];
    var icons = iconBoxes(map), boxes = icons.boxes.slice(), labelBoxes = [];
    var stops = drawStops(map, boxes);
    candidates(zoom).forEach(function (c) {
      var px = FONT_PX[c.rank] || 11, w = Math.max(textWidth(c.text, px), c.sub ? textWidth(c.sub, px - 2) : 0) + 8;
      var h = (c.sub ? px * 2.3 : px * 1.3) + 2, box = null, pt = null, angle = 0;
      if (c.line) {
        var on = placeOnLine(map, c, w, h, size);
        if (!on || (!c.forced && overlapsAny(on.box, boxes))) return;
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
            if (!overlapsAny(b, passes[k])) { pt = q; box = b; break; }
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

  /** Screen places of a route's stop icons: stops closer than STOP_GAP px (the same seat, a town and its site)
   *  are pushed apart, pair by pair, along x or y, until no two touch, so that every number shows and takes its own click at
   *  any zoom; each moved one keeps a thin line to where it really is.  Stops at one point part in route
   *  order, the first upwards. */
  var STOP_SIZE = 22, STOP_GAP = 25;
  function spreadStops(points) {
    var pos = points.map(function (p) { return L.point(p.x, p.y); });
    for (var round = 0; round < 80; round++) {
      var moved = false;
      for (var i = 0; i < pos.length; i++) {
        for (var j = i + 1; j < pos.length; j++) {
          var d = pos[j].subtract(pos[i]), ax = Math.abs(d.x), ay = Math.abs(d.y), push;
          if (Math.max(ax, ay) >= STOP_GAP) continue;  // the icons are square boxes: apart along x or y
          if (ax + ay < 0.01) {  // at one point: fanned out
            var angle = -Math.PI / 2 + j * 2.4;
            push = L.point(Math.cos(angle), Math.sin(angle)).multiplyBy(STOP_GAP / 2 + 0.5);
          } else if (ax >= ay) {
            push = L.point((d.x < 0 ? -1 : 1) * ((STOP_GAP - ax) / 2 + 0.5), 0);
          } else {
            push = L.point(0, (d.y < 0 ? -1 : 1) * ((STOP_GAP - ay) / 2 + 0.5));
          }
          pos[i] = pos[i].subtract(push); pos[j] = pos[j].add(push);
          moved = true;
        }
      }
      if (!moved) break;
    }
    return pos;
  }

  /** Where a stop's name goes: beside its icon, else above, below, then further out; free of every box
   *  and inside the map when it can be, else the first place (a chosen route's stops are always named). */
  function placeStopName(at, w, h, boxes, size) {
    var r = STOP_SIZE / 2 + 3, tries = [];
    [1, 2.2, 3.4].forEach(function (far) {
      var dx = w / 2 + r + (far - 1) * 14, dy = (h / 2 + r) + (far - 1) * h;
      tries.push([dx, 0], [-dx, 0], [0, -dy], [0, dy], [dx, -dy], [-dx, -dy], [dx, dy], [-dx, dy]);
    });
    var inside = function (b) { return b[0] >= 0 && b[1] >= 0 && b[2] <= size.x && b[3] <= size.y; };
    for (var pass = 0; pass < 2; pass++) {
      for (var i = 0; i < tries.length; i++) {
        var q = at.add(tries[i]), b = [q.x - w / 2, q.y - h / 2, q.x + w / 2, q.y + h / 2];
        if (!overlapsAny(b, boxes) && (pass === 1 || inside(b))) return {pt: q, box: b};
      }
    }
    var first = at.add(tries[0]);
    return {pt: first, box: [first.x - w / 2, first.y - h / 2, first.x + w / 2, first.y + h / 2]};
  }

  /** Numbered stops and direction arrows of the chosen routes (from the features file, by fid). */
  function drawStops(map, boxes) {
    YQ.stopLayer.clearLayers();
    var keys = Object.keys(YQ.routes);
    YQ.stopPlaces = [];
    if (!keys.length) return 0;
    var index = YQ._fidIndex(), size = map.getSize(), english = (YQ.cfg || {}).lang === "en";
    var count = 0;
    keys.forEach(function (k) {
      var route = YQ.routes[k], pts = [];
      route.fids.forEach(function (fid) { var f = index[fid]; if (f && f.geometry && f.geometry.type === "Point") pts.push(f); });
      var lls = pts.map(function (f) { return L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]); });
      var real = lls.map(function (ll) { return map.latLngToContainerPoint(ll); });
      var shown = spreadStops(real), own = [];  // the chosen route's names avoid its own numbers and names only
      shown.forEach(function (p) { own.push([p.x - STOP_SIZE / 2, p.y - STOP_SIZE / 2, p.x + STOP_SIZE / 2, p.y + STOP_SIZE / 2]); });
      pts.forEach(function (f, i) {
        var ll = lls[i], p = shown[i], moved = p.distanceTo(real[i]) > 1;
        if (i + 1 < pts.length) {
          var a = real[i], b = real[i + 1];
          if (a.distanceTo(b) > 36) {
            var angle = Math.atan2(b.y - a.y, b.x - a.x) * 180 / Math.PI;
            L.marker(map.containerPointToLatLng(a.add(b).divideBy(2)), {pane: "yqStops", interactive: false,
              icon: L.divIcon({className: "yq-route-arrow", iconSize: L.point(14, 14),
                html: '<span style="color:' + esc(route.color) + ";transform:rotate(" + angle.toFixed(1) + 'deg)">➤</span>'})})
              .addTo(YQ.stopLayer);
          }
        }
        if (moved) {  // pushed from its place: a thin line back to it
          L.polyline([ll, map.containerPointToLatLng(p)], {pane: "yqStops", color: route.color, weight: 1.5,
            opacity: 0.9, interactive: false}).addTo(YQ.stopLayer);
        }
        var name = f.properties.lb || "", second = f.properties.lb2 || "";
        var num = L.marker(moved ? map.containerPointToLatLng(p) : ll, {pane: "yqStops", title: english && second ? second + " " + name : name,
          icon: L.divIcon({className: "yq-route-stop", iconSize: L.point(STOP_SIZE, STOP_SIZE),
            html: '<span style="background:' + esc(route.color) + '" data-stop="' + (i + 1) + '">' + (i + 1) + "</span>"})})
          .addTo(YQ.stopLayer);
        num._yqAt = ll;  // where the stop is (its number may sit beside it)
        num.on("click", function () {
          L.popup({maxWidth: 380}).setLatLng(ll).setContent(f.properties.popup).openOn(map);
        });
        var place = {n: i + 1, x: p.x, y: p.y, label: null};
        if (name) {  // English: the English name first, the Chinese under it
          var c = english && second ? {text: second, sub: name} : {text: name, sub: ""};
          var w = Math.max(textWidth(c.text, 12), c.sub ? textWidth(c.sub, 10) : 0) + 8, h = c.sub ? 30 : 17;
          var spot = placeStopName(p, w, h, own, size);
          own.push(spot.box);
          place.label = spot.box;
          // above the stacks (the route chosen is what the map is about now), never catching a click
          L.marker(map.containerPointToLatLng(spot.pt), {pane: "yqStops", interactive: false, keyboard: false,
            icon: labelIcon({text: c.text, sub: c.sub, rank: 1, forced: true}, w, h, 0, " yq-label-stop")})
            .addTo(YQ.stopLayer);
        }
        YQ.stopPlaces.push(place);
        count++;
      });
      own.forEach(function (box) { boxes.push(box); });  // the other labels keep off them
    });
    return count;
  }

  /* ---------- an open popup is not covered by the controls ---------- */
  function rectsOverlap(a, b) {
    return a.width > 0 && b.width > 0 && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }
  /** Hide (class yq-under-popup) each control one of the ``open`` popups overlaps; show the others again. */
  function uncoverPopups(map, open) {
    if (!open.length) {  // nothing to keep clear of: no layout read (a move before the first paint forced one)
      Array.prototype.forEach.call(map.getContainer().querySelectorAll(".leaflet-control.yq-under-popup"),
                                   function (control) { control.classList.remove("yq-under-popup"); });
      return;
    }
    var boxes = [];
    open.forEach(function (popup) {
      var el = popup.getElement();
      if (!el) return;
      Array.prototype.forEach.call(el.querySelectorAll(".leaflet-popup-content-wrapper, .leaflet-popup-tip"),
                                   function (part) { boxes.push(part.getBoundingClientRect()); });
    });
    Array.prototype.forEach.call(map.getContainer().querySelectorAll(".leaflet-control"), function (control) {
      control.classList.remove("yq-under-popup");
      if (control.classList.contains("leaflet-control-layers-expanded") || control.contains(document.activeElement)) {
        return;  // in use (the opened layer list, the site's search being typed in): left alone
      }
      var rect = control.getBoundingClientRect();
      if (boxes.some(function (box) { return rectsOverlap(box, rect); })) control.classList.add("yq-under-popup");
    });
  }
  L.Map.addInitHook(function () {
    var map = this, open = [], queued = false;
    function schedule() {
      if (queued) return;
      queued = true;
      (window.requestAnimationFrame || setTimeout)(function () { queued = false; uncoverPopups(map, open); });
    }
    map.on("popupopen", function (e) {
      if (open.indexOf(e.popup) < 0) open.push(e.popup);
      e.popup.on("contentupdate", schedule);
      schedule();
    });
    map.on("popupclose", function (e) {  // its element fades out for a while: no longer counted
      open = open.filter(function (popup) { return popup !== e.popup; });
      e.popup.off("contentupdate", schedule);
      schedule();
    });
    map.on("moveend zoomend resize", schedule);
  });

  YQ._fidIndex = function () {
    var index = {};
    Object.keys(YQ.allData || {}).forEach(function (layer) {
      YQ.allData[layer].forEach(function (f) { index[f.properties.fid] = f; });
    });
    return index;
  };
})();
