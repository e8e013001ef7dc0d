/* A filter change drawn in the map frame before the server answers (geo.view, issue 15).
 *
 * Joined after mapread.js into the one served script (geo/view/assets.py).  A filter change
 * in the sidebar costs a whole Streamlit run before the map can redraw.  The frame already
 * holds every feature, so once it has the filter index (geo/view/_filter_index.py: for each
 * feature, the values each criterion tests, from geo.filters.facets) it reads the widgets'
 * state in the page around it and draws the kept features at once.
 *
 *  - The widgets are found by their element's class (the index's "widgets", from
 *    geo.view.sidebar.filter_widgets): the search box's committed text (Enter or leaving it,
 *    as Streamlit commits it), the chips of each multiselect turned back into values by their
 *    labels, the cross-border box.  Anything it cannot read (a widget missing, a chip it does
 *    not know) and it does nothing: the server's answer draws the change, as before.
 *  - Only a change of the widgets' state starts a prediction; a state read differently from
 *    the server's is never pressed again and again.
 *  - The server stays the authority.  Every answer says which criteria it drew
 *    (YQ.served, geo.view.map._base.served_layer): for the criteria drawn here, the server's
 *    positions are drawn; for older criteria (the run under way when the user changed again)
 *    the newer change stays drawn, through one such answer and for HOLD_MS at most.
 *  - The index is fetched once the user reaches for the page's widgets, or the map has been
 *    idle PREFETCH_MS: it is not part of the first view, and neither is what the widgets'
 *    labels mean (it comes in the index, not in the map's script that every run sends).
 * Nothing here writes HTML: it only chooses which of the features already drawn are shown.
 */
(function () {
  "use strict";
  var YQ = window.YQ = window.YQ || {};
  /** An unanswered change stays drawn this long at most; then the server's last answer is drawn (a run of
   *  a 100,000-point upload can take two seconds: this is a guard against an answer that never comes). */
  var HOLD_MS = 8000;
  /** Answers for other criteria a held change outlives: the one run that was under way when it was made. */
  var OVERTAKEN_MAX = 1;
  /** The index is fetched this long after the server's first answer, if nobody reached for the widgets first. */
  var PREFETCH_MS = 1500;
  /** Folds a query as geo.search.normalise_text does: its separators, none of which is ever in a key. */
  var NOT_WORD = /[\s\-‐‑‒–—―'’`·・.,，、()（）/|]+/g;

  var watching = false;     // the page around the map has the viewer's filter widgets (cfg.filters)
  var spec = null;          // the index's "widgets": their classes, kinds and labels
  var textField = null;     // the search box's entry of spec.fields
  var indexUrl = null;      // from the server's answers
  var index = null;         // the loaded index, for indexUrl
  var loading = null;       // {url, promise}
  var prefetching = false;
  var served = null;        // criteria of the server's last answer (only what narrows is sent)
  var servedBack = {layers: [], mode: "pale"};  // the layers it stepped back, and how
  var held = null;          // {key, state, at}: a change drawn here that the server has not answered yet
  var lastRead;             // key of the widgets' state last read (undefined: never; null: unreadable)
  var committedText = null; // the search box's text committed since the last answer (null: the answer's)
  var stats = YQ.prediction = {drawn: 0, confirmed: 0, overtaken: 0, expired: 0, answers: 0, index: false};

  function fold(text) {
    var t = String(text == null ? "" : text);
    if (!/^[\x00-\x7f]*$/.test(t)) t = t.normalize("NFKD").replace(/\p{Mn}/gu, "");
    return t.toLowerCase().replace(NOT_WORD, "");
  }

  /** The folded words of a query, as geo.search.query_words (several words: each found in the keys matches). */
  function wordsOf(text) {
    var seen = {};
    return String(text == null ? "" : text).split(NOT_WORD).map(fold).filter(function (w) {
      if (!w || seen[w]) return false;
      seen[w] = 1;
      return true;
    });
  }

  function valuesOf(labels) { return Object.keys(labels).map(function (k) { return labels[k]; }); }

  /** One string per filter state: lists sorted, the text folded, every layer chosen the same as no
   *  layer list (the server leaves it out then); for the server's criteria and the widgets' alike. */
  function keyOf(state) {
    return spec.fields.map(function (field) {
      var v = state[field.name];
      if (field.kind === "multi") {
        if (field.name === "layers_on") {
          if (v == null || valuesOf(field.labels).every(function (x) { return v.indexOf(x) >= 0; })) return "*";
        }
        return (v || []).slice().sort().join("\u0001");
      }
      if (field.kind === "check") return v ? "1" : "0";
      return fold(v);
    }).join("\u0002");
  }

  function hostDocument() {
    try {
      if (window.parent === window) return null;
      return window.parent.document;
    } catch (e) { return null; }  // a page of another origin around the map
  }

  function isSearchBox(el) {
    return !!textField && !!el && el.tagName === "INPUT" && !!el.closest && !!el.closest("." + textField.widget);
  }

  function readKey(doc) {
    var state = readWidgets(doc);
    return state ? keyOf(state) : null;
  }

  /** The filter state the page's widgets show, or null when any of them cannot be read. */
  function readWidgets(doc) {
    var state = {};
    for (var i = 0; i < spec.fields.length; i++) {
      var field = spec.fields[i], box = doc.querySelector("." + field.widget);  // classes are [A-Za-z0-9_-]
      if (!box) return null;
      if (field.kind === "text") {
        state[field.name] = committedText !== null ? committedText : (served && served[field.name]) || "";
      } else if (field.kind === "check") {
        var input = box.querySelector("input[type=checkbox]");
        if (!input) return null;
        state[field.name] = input.checked;
      } else {
        var values = [], tags = box.querySelectorAll("[data-tag]");  // Streamlit 1.67's multiselect chips
        for (var t = 0; t < tags.length; t++) {
          var named = tags[t].querySelector("span[title]");
          var label = named ? named.getAttribute("title") : (tags[t].textContent || "").trim();
          if (!Object.prototype.hasOwnProperty.call(field.labels, label)) return null;
          values.push(field.labels[label]);
        }
        state[field.name] = values;
      }
    }
    return state;
  }

  function loadIndex() {
    if (!indexUrl) return Promise.resolve(null);
    if (index && index._url === indexUrl) return Promise.resolve(index);
    if (loading && loading.url === indexUrl) return loading.promise;
    var url = indexUrl;
    loading = {url: url, promise: fetch(url).then(function (r) { return r.json(); }).then(function (data) {
      data._url = url;
      if (indexUrl === url) useIndex(data);
      return data;
    }).catch(function () { return null; })};
    return loading.promise;
  }

  /** Positions of layer ``name`` that ``state`` keeps (the four tests of geo.filters.facets). */
  function keptPositions(name, state) {
    var layer = index.layers[name];
    if (!layer) return null;
    if (state.layers_on && state.layers_on.indexOf(name) < 0) return [];
    var tests = [];
    Object.keys(layer.facets).forEach(function (criterion) {
      var facet = layer.facets[criterion], values = facet.values, chosen = state[criterion];
      if (facet.test === "text") {
        var query = fold(chosen), words = wordsOf(chosen);
        if (query) tests.push(function (j) {
          var v = values[j];
          return v != null && (v.indexOf(query) >= 0 || (words.length > 1 && words.every(function (w) {
            return v.indexOf(w) >= 0;
          })));
        });
      } else if (facet.test === "flag") {
        if (chosen) tests.push(function (j) { return values[j] === 1; });
      } else if (chosen && chosen.length) {
        var wanted = new Set(chosen);
        if (facet.test === "parts") {
          tests.push(function (j) { return values[j].some(function (p) { return wanted.has(p); }); });
        } else {
          tests.push(function (j) { return wanted.has(values[j]); });
        }
      }
    });
    var kept = [];
    for (var j = 0; j < layer.rows; j++) {
      var ok = true;
      for (var t = 0; t < tests.length && ok; t++) ok = tests[t](j);
      if (ok) kept.push(j);
    }
    return kept;
  }

  function sameFile(source) {
    return !!index && source._yqUrl.slice(-index.source.length - 1) === "/" + index.source;
  }

  /** The positions a held change gives ``source`` (mapread.js asks it when a layer of an answer fills). */
  YQ.heldPositions = function (source) {
    if (!held || !index || !sameFile(source)) return null;
    return keptPositions(source._yqName, held.state);
  };

  /** The layers ``state`` does not narrow (as geo.filters.stepped_back): a criterion in use that their
   *  facets do not test; context layers never. */
  function backLayers(state) {
    var used = spec.fields.filter(function (field) {
      var v = state[field.name];
      if (field.name === "layers_on") return false;
      if (field.kind === "multi") return v && v.length;
      if (field.kind === "check") return !!v;
      return !!fold(v);
    }).map(function (field) { return field.name; });
    return Object.keys(index.layers).filter(function (name) {
      var layer = index.layers[name];
      return !layer.context && used.some(function (c) { return !layer.facets[c]; });
    });
  }

  /** Draw ``state`` now; false when the map does not hold what it needs (the server's answer draws it). */
  function draw(state, key) {
    var byName = {}, ids = Object.keys(YQ.sources);
    for (var i = 0; i < ids.length; i++) {
      var source = YQ.sources[ids[i]];
      if (!source._yqLoaded || !sameFile(source)) return false;
      (byName[source._yqName] = byName[source._yqName] || []).push(source);
    }
    var plan = [];
    Object.keys(index.layers).forEach(function (name) {
      var sources = byName[name] || [], positions = keptPositions(name, state);
      if (positions.length && !sources.length) plan = null;  // a layer that is not on the map
      if (plan && sources.length) plan.push([sources, positions]);
    });
    if (!plan) return false;
    var mine = held = {key: key, state: state, at: performance.now(), overtaken: 0};
    YQ.back = {layers: {}, mode: servedBack.mode};  // set below, before the layers are shown
    backLayers(state).forEach(function (name) { YQ.back.layers[name] = true; });
    plan.forEach(function (step) { step[0].forEach(function (s) { s.show(step[1]); }); });
    YQ.reconcileNow();
    stats.drawn++;
    if (window.yqIsPreview) return true;  // the preview has no server: its change stays until the live map takes over
    setTimeout(function () {
      if (held !== mine) return;
      held = null;  // no answer for it: the server's last answer is what the map shows
      stats.expired++;
      YQ.back = {layers: {}, mode: servedBack.mode};
      servedBack.layers.forEach(function (name) { YQ.back.layers[name] = true; });
      Object.keys(YQ.sources).forEach(function (id) {
        var s = YQ.sources[id];
        if (s._yqServed) s.show(s._yqServed);
      });
      YQ.reconcile();
    }, HOLD_MS);
    return true;
  }

  function shownKey() {
    if (held) return held.key;
    return served ? keyOf(served) : null;
  }

  /** The index has come: what the widgets are, and whether they already show a change (the click that fetched it). */
  function useIndex(data) {
    var widgets = data.widgets || {};
    if (!widgets.fields || !widgets.fields.length) return;  // a page without the filter widgets
    index = data;
    spec = widgets;
    textField = spec.fields.filter(function (f) { return f.kind === "text"; })[0] || null;
    stats.index = true;
    var doc = hostDocument();
    if (lastRead === undefined) lastRead = served ? keyOf(served) : (doc ? readKey(doc) : undefined);
    predict();
  }

  function predict() {
    var doc = hostDocument();
    if (!spec || !index || !YQ.map || !doc) return;
    var state = readWidgets(doc), key = state ? keyOf(state) : null, before = lastRead;
    lastRead = key;
    if (key === null || before == null || key === before || key === shownKey()) return;
    draw(state, key);
  }

  /** Watch the page's widgets (once per frame); undone when this frame goes. */
  function watch(doc) {
    var onText = function (e) {  // the search box commits on Enter and when left, as Streamlit does
      var el = e.target;
      if ((e.type === "keydown" && e.key !== "Enter") || !el || el.tagName !== "INPUT") return;
      var value = el.value;
      var commit = function () { if (isSearchBox(el)) { committedText = value; predict(); } };
      if (spec) commit(); else loadIndex().then(commit);
    };
    var reach = function () { loadIndex(); };
    var observer = new MutationObserver(predict);  // a microtask after the page drew the widgets' new state
    doc.addEventListener("keydown", onText, true);
    doc.addEventListener("focusout", onText, true);
    ["pointerdown", "focusin", "keydown"].forEach(function (type) { doc.addEventListener(type, reach, true); });
    // chips added or removed, a box ticked (Streamlit 1.67's checkbox fires no change event: it marks
    // itself data-selected); the sidebar stays from run to run
    observer.observe(doc.querySelector("[data-testid='stSidebar']") || doc.body,
                     {childList: true, subtree: true, attributes: true, attributeFilter: ["data-selected"]});
    window.addEventListener("pagehide", function () {
      observer.disconnect();
      doc.removeEventListener("keydown", onText, true);
      doc.removeEventListener("focusout", onText, true);
      ["pointerdown", "focusin", "keydown"].forEach(function (type) { doc.removeEventListener(type, reach, true); });
    });
  }

  /** The filters this frame shows (a change drawn here, else the server's last answer; null: none yet), and
   *  their key as this frame's index reads them: the preview's hand-over compares the live map's with its own. */
  YQ.shownFilters = function () { return held ? held.state : served; };
  YQ.filterKey = function (state) { return spec && state ? keyOf(state) : null; };

  /** Called by YQ.setup with the map's config: watch the page's filter widgets when it has them. */
  YQ.watchFilters = function (enabled) {
    if (!enabled || watching || !window.MutationObserver) return;
    var doc = hostDocument();
    if (!doc || !doc.body) return;
    watching = true;
    watch(doc);
  };

  /** The server's answer: the criteria its groups hold and where the index is (a layer with nothing to draw). */
  YQ.served = function (criteria, url, back) {
    served = criteria || {};
    servedBack = back || {layers: [], mode: "pale"};
    stats.answers++;
    if (url) indexUrl = url;
    if (!held) committedText = null;  // the answer holds the box's committed text (a held change: a newer one)
    if (held && spec) {
      if (held.key === keyOf(served)) { held = null; stats.confirmed++; }
      else if (++held.overtaken > OVERTAKEN_MAX || performance.now() - held.at > HOLD_MS) { held = null; stats.expired++; }
      else stats.overtaken++;
    }
    if (!held) YQ.setBack(servedBack.layers, servedBack.mode);
    if (watching && indexUrl && !prefetching) {
      prefetching = true;
      setTimeout(loadIndex, PREFETCH_MS);
    }
    return L.layerGroup();
  };
})();
