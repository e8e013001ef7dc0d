/* The legend: a collapsible control inside the map, kept in fullscreen (geo.view, issue 11).
 *
 * Joined after mapread.js (geo/view/assets.py); the legend's HTML is built and escaped by
 * geo/view/legend.py.  A redraw that removes and adds the legend again keeps its box and, when
 * only the counts changed, writes the counts alone.
 */
(function () {
  "use strict";
  var YQ = window.YQ = window.YQ || {};

  /** The legend opens by itself only on a map this large (px): on a laptop (1366x768) it would cover a fifth of
   *  the map and the pilot zone; there it stays one click away. */
  var OPEN_MIN = {x: 1400, y: 800};
  /** The open legend's box (px), for the fits that must keep the map's subject clear of it; null when closed. */
  YQ.legendSize = function () {
    var kept = legendBox;
    if (!kept || !YQ.legendOpen) return null;
    var box = kept.button.parentNode;
    return box && box.offsetWidth ? {x: box.offsetWidth, y: box.offsetHeight} : null;
  };

  var COUNT = /<span class="yq-count">([^<]*)<\/span>/g;
  /** The legend's HTML without its counts, and the counts in order (a filter change changes only these). */
  function legendParts(html) {
    var counts = [];
    var skeleton = html.replace(COUNT, function (all, n) { counts.push(n); return '<span class="yq-count"></span>'; });
    return {skeleton: skeleton, counts: counts};
  }
  /** The legend control is made once per map: a redraw that removes and adds it again keeps the box and, when
   *  only counts changed, writes the counts alone instead of parsing the whole legend again. */
  var legendBox = null;
  YQ.LegendLayer = L.Layer.extend({
    initialize: function (html, title) { this._html = html; this._title = title; },
    onAdd: function (map) {
      if (YQ.legendOpen === undefined) {
        var size = map.getSize();
        YQ.legendOpen = size.x >= OPEN_MIN.x && size.y >= OPEN_MIN.y;
      }
      var parts = legendParts(this._html), kept = legendBox;
      if (kept && kept.map === map && kept.leaving) {
        clearTimeout(kept.leaving); kept.leaving = null; kept.owner = this;
        if (kept.button.textContent !== this._title) kept.button.textContent = this._title;
        if (kept.skeleton === parts.skeleton) {
          var spans = kept.body.querySelectorAll(".yq-count");
          parts.counts.forEach(function (n, i) { if (spans[i].textContent !== n) spans[i].textContent = n; });
        } else {
          kept.body.innerHTML = this._html;  // built and escaped by geo/view/legend.py
          kept.skeleton = parts.skeleton;
        }
        return;
      }
      if (kept) kept.control.remove();
      var control = L.control({position: "bottomright"});
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
          if (YQ.legendOpen && YQ.refitChosen) YQ.refitChosen();  // opened over the chosen feature: moved clear
        });
        legendBox = {map: map, control: control, button: button, body: body, skeleton: parts.skeleton,
                     owner: self, leaving: null};
        return box;
      };
      control.addTo(map);
      if (YQ.legendOpen && YQ.fitFirstView) YQ.fitFirstView();  // the first view, clear of the open legend
    },
    onRemove: function () {
      var kept = legendBox;
      if (!kept || kept.owner !== this) return;
      // taken off after the redraw's script, unless the new legend took the box over
      kept.leaving = setTimeout(function () {
        kept.control.remove();
        if (legendBox === kept) legendBox = null;
      }, 0);
    }
  });
  YQ.legend = function (html, title) { return new YQ.LegendLayer(html, title); };

})();
