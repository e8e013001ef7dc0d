/* Stacks of the viewer's map (geo.view.map): the one marker-cluster group, its icons and its list popups.
 *
 * Joined right after mapread.js (geo/view/files/_assets.py, MAPREAD_JS), whose YQ.reconcileNow puts
 * the points of the layers on the map into YQ.cluster(map).  A stack's icon shows its count, a ring
 * split by layer colour and a badge when it holds site-precision features; a click opens a list
 * grouped by place and layer, each item opening that feature's own popup (YQ.openFeature, which the
 * static site's search uses too).  Text from the data arrives HTML-escaped; words are escaped here.
 */
(function () {
  "use strict";
  var YQ = window.YQ;
  var esc = YQ.esc;
  function str(key, fallback) { return (YQ.cfg.strings || {})[key] || fallback; }

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
    // yqSites: labels.js keeps names off the badge as well as off the ring
    return L.divIcon({html: html, className: "yq-stack" + (sites ? " yq-stack-has-site" : ""),
                      iconSize: L.point(size, size), yqSites: sites});
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
})();
