/* Streamlit's page was asked for while the server was still making the map's preview
 * (geo/view/preview.py): ask for the preview once it is there, and put it into the page as
 * geo.view.server._serving.PreviewMiddleware would have (box, iframe, js/preview.js).  Nothing happens
 * if none comes or the live map has already been drawn.
 */
(function () {
  "use strict";
  var LIVE = 'iframe[title="streamlit_folium.st_folium"]';
  function liveDrawn() {
    var live = document.querySelector(LIVE);
    try { return !!(live && live.contentWindow && live.contentWindow.YQ && live.contentWindow.YQ.paintedAt); }
    catch (e) { return false; }
  }
  fetch("./component/geo.view.server._preview.page/coming.json", {cache: "no-store"})
    .then(function (response) { return response.status === 200 ? response.json() : null; })
    .then(function (parts) {
      if (!parts || liveDrawn() || document.getElementById("yq-preview")) return;
      var holder = document.createElement("div"), bits = document.createDocumentFragment();
      holder.innerHTML = parts.box;  // made and escaped by geo/view/preview.py
      while (holder.firstChild) bits.appendChild(holder.firstChild);
      document.body.insertBefore(bits, document.body.firstChild);
      var script = document.createElement("script");
      script.textContent = parts.script;
      document.body.appendChild(script);
    })
    .catch(function () { /* no preview: the live map comes as before */ });
})();
