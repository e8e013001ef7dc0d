"""Waterfall of a cold load: where the time to the first painted map goes.

The browser's own clocks are read after the map is drawn (no trace file, no
extra round trips while the page loads):

* the Navigation and Resource Timing entries of the top page (the HTML,
  Streamlit's bundle, the component iframe's document) and of the map's
  iframe (streamlit-folium's script, Leaflet with its plugins, the features
  file), the iframe's times moved onto the top page's clock through
  ``performance.timeOrigin``;
* a WebSocket wrapper installed by :data:`WS_HOOK_JS` before any page script
  runs: when Streamlit's websocket was opened, when its first message came
  (the script run has started) and when the message carrying the map came
  (the script run has reached ``st_folium``);
* the painted frame the benchmark already times (``window.__yqPainted``).

:func:`collect` returns those raw entries; :func:`phases` turns them into the
rows of the waterfall (a pure function, tested on a synthetic trace), and
:func:`format_waterfall` prints them with each figure's ratio to the static
floor (:mod:`bench.floor`) measured the same way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

#: Init script: wrap ``WebSocket`` so that open, first message and the map's message are timed.
WS_HOOK_JS: Final[str] = """(() => {
  const Native = window.WebSocket;
  if (!Native || Native.__yqWrapped) return;
  const log = window.__yqWs = [];
  const Wrapped = function(url, protocols) {
    const ws = protocols === undefined ? new Native(url) : new Native(url, protocols);
    const entry = {url: String(url), created: performance.now(), open: null, first: null, map: null, messages: 0};
    log.push(entry);
    ws.addEventListener("open", () => { entry.open = performance.now(); });
    ws.addEventListener("message", (event) => {
      const now = performance.now();
      entry.messages += 1;
      if (entry.first === null) entry.first = now;
      if (entry.map === null && event.data instanceof ArrayBuffer && event.data.byteLength > 2000) {
        const text = new TextDecoder("utf-8", {fatal: false}).decode(event.data);
        if (text.indexOf("streamlit_folium") >= 0) entry.map = now;
      }
    });
    return ws;
  };
  Wrapped.prototype = Native.prototype;
  Object.assign(Wrapped, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3, __yqWrapped: true});
  window.WebSocket = Wrapped;
})();"""

#: Evaluated in the top page once the map is drawn: every timing entry of the page and of its iframes.
COLLECT_JS: Final[str] = """() => {
  const pick = (e) => ({name: e.name, type: e.entryType, initiator: e.initiatorType || "",
                        start: e.startTime, end: e.responseEnd || (e.startTime + e.duration),
                        size: e.transferSize || 0, body: e.decodedBodySize || 0,
                        dcl: e.domContentLoadedEventEnd || null});
  const frames = [];
  for (const frame of document.querySelectorAll("iframe")) {
    try {
      const w = frame.contentWindow;
      if (!w || !w.performance) continue;
      frames.push({title: frame.title || "", origin: w.performance.timeOrigin,
                   entries: w.performance.getEntriesByType("navigation").concat(
                     w.performance.getEntriesByType("resource")).map(pick)});
    } catch (error) { /* another origin: not ours */ }
  }
  return {origin: performance.timeOrigin,
          entries: performance.getEntriesByType("navigation").concat(
            performance.getEntriesByType("resource")).map(pick),
          frames: window.__yqPreviewFrame ? frames.concat([window.__yqPreviewFrame]) : frames,
          ws: window.__yqWs || [],
          painted: typeof window.__yqPainted === "number" ? window.__yqPainted : null,
          preview: typeof window.__yqPreviewPainted === "number" ? window.__yqPreviewPainted : null};
}"""

#: Phase name -> (where: "top" | "map", pattern of the entry's URL); the first phases come from Resource Timing.
_RESOURCE_PHASES: Final[tuple[tuple[str, str, str], ...]] = (
    ("streamlit bundle", "top", r"/static/(js|css)/"),
    ("component iframe", "top", r"/component/streamlit_folium[^/]*/[^?]*index\.html|/component/streamlit_folium"),
    ("streamlit-folium js", "map", r"/component/streamlit_folium[^/]*/.*\.js(\?|$)"),
    ("leaflet + plugins", "map", r"offline_bundle|offline_assets|leaflet[^/]*\.(js|css)(\?|$)"),
    ("features file", "map", r"map_data|data\.json(\?|$)"),
)
MAP_FRAME_TITLE: Final[str] = "streamlit_folium.st_folium"
#: Title under which the benchmark keeps the preview's entries (``bench.viewer._PREVIEW_WATCH_JS``).
PREVIEW_FRAME_TITLE: Final[str] = "preview"


@dataclass(frozen=True)
class Phase:
    """One row of the waterfall, in ms since navigation start.

    Attributes
    ----------
    name : str
        What loaded or ran.
    start_ms, end_ms : float
        When it started and ended on the top page's clock (NaN when not seen).
    requests : int
        Resource entries behind it (0 for the non-network phases).
    bytes : int
        Bytes transferred (compressed size on the wire; 0 from the cache).
    """

    name: str
    start_ms: float
    end_ms: float
    requests: int = 0
    bytes: int = 0

    @property
    def duration_ms(self) -> float:
        """``end_ms - start_ms``."""
        return self.end_ms - self.start_ms

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready figures (NaN as ``None``)."""
        def num(value: float) -> float | None:
            return None if math.isnan(value) else round(value, 1)
        return {"name": self.name, "start_ms": num(self.start_ms), "end_ms": num(self.end_ms),
                "duration_ms": num(self.duration_ms), "requests": self.requests, "bytes": self.bytes}


_NAN = float("nan")


def _span(name: str, entries: Sequence[Mapping[str, Any]], shift: float) -> Phase:
    if not entries:
        return Phase(name, _NAN, _NAN)
    return Phase(name, min(float(e["start"]) for e in entries) + shift,
                 max(float(e["end"]) for e in entries) + shift, len(entries),
                 sum(int(e.get("size") or 0) for e in entries))


def _map_frame(raw: Mapping[str, Any], title: str = MAP_FRAME_TITLE) -> Mapping[str, Any] | None:
    frames = list(raw.get("frames") or [])
    for frame in frames:
        if frame.get("title") == title:
            return frame
    return None


def _preview_rows(raw: Mapping[str, Any]) -> list[Phase]:
    """The preview's rows: its page, its Leaflet script and features file, its painted frame."""
    frame = _map_frame(raw, PREVIEW_FRAME_TITLE)
    if frame is None:
        return []
    shift = float(frame["origin"]) - float(raw["origin"])
    entries = list(frame.get("entries") or [])
    page = [e for e in entries if e.get("type") == "navigation"]
    rows = [_span("preview page", page, shift)]
    for name, pattern in (("preview: leaflet", r"offline_bundle|offline_assets"), ("preview: features", r"map_data")):
        regex = re.compile(pattern)
        rows.append(_span(name, [e for e in entries if e.get("type") == "resource" and regex.search(str(e["name"]))],
                          shift))
    if raw.get("preview") is not None:
        rows.append(Phase("preview painted", 0.0, float(raw["preview"])))
    return rows


def phases(raw: Mapping[str, Any]) -> list[Phase]:
    """The waterfall's rows from what :data:`COLLECT_JS` returned.

    Parameters
    ----------
    raw : mapping
        ``{"origin", "entries", "frames": [{"title", "origin", "entries"}], "ws": [...], "painted"}``;
        times in ms on each document's own clock (``performance.now()``).

    Returns
    -------
    list of Phase
        In load order: HTML, the preview (its page, script, features file and
        painted frame, when the page has one), Streamlit's bundle, websocket, script run (first
        message -> the map's message), component iframe, streamlit-folium's
        script, Leaflet and plugins, features file, first painted frame.
        Phases not seen (a static page has no websocket) are left out.
    """
    top = list(raw.get("entries") or [])
    rows: list[Phase] = []
    navigation = [e for e in top if e.get("type") == "navigation"]
    if navigation:
        rows.append(Phase("html", 0.0, float(navigation[0]["end"]), 1, int(navigation[0].get("size") or 0)))
    rows += _preview_rows(raw)
    frame = _map_frame(raw)
    frame_entries = list(frame.get("entries") or []) if frame else []
    shift = float(frame["origin"]) - float(raw["origin"]) if frame else 0.0
    sockets = [s for s in raw.get("ws") or [] if "_stcore/stream" in str(s.get("url", ""))] or list(raw.get("ws") or [])
    for name, where, pattern in _RESOURCE_PHASES:
        regex = re.compile(pattern)
        if where == "top":
            chosen = [e for e in top if e.get("type") == "resource" and regex.search(str(e["name"]))]
            if name == "component iframe":
                chosen = [e for e in chosen if e.get("initiator") in ("iframe", "navigation", "")] or chosen[:1]
            rows.append(_span(name, chosen, 0.0))
        elif frame is not None:
            chosen = [e for e in frame_entries if e.get("type") == "resource" and regex.search(str(e["name"]))]
            rows.append(_span(name, chosen, shift))
        else:  # a static page: its own resources are the map's
            chosen = [e for e in top if e.get("type") == "resource" and regex.search(str(e["name"]))]
            rows.append(_span(name, chosen, 0.0))
        if name == "streamlit bundle" and sockets:
            socket = sockets[0]
            opened = socket.get("open")
            rows.append(Phase("websocket", float(socket["created"]), float(opened) if opened is not None else _NAN))
            first, map_message = socket.get("first"), socket.get("map")
            if first is not None:
                end = float(map_message) if map_message is not None else _NAN
                rows.append(Phase("script run -> map sent", float(first), end, int(socket.get("messages") or 0)))
    if raw.get("painted") is not None:
        rows.append(Phase("first painted frame", 0.0, float(raw["painted"])))
    return [row for row in rows if not (math.isnan(row.start_ms) and row.requests == 0)]


def format_waterfall(ours: Sequence[Phase], floor: Sequence[Phase] = (), title: str = "cold load") -> str:
    """The waterfall as text: start, end, duration, requests, KB, the floor's end and ``ours/floor``.

    The ratio is the phase's end over the floor's matching phase's end where the
    floor has one (HTML, Leaflet, features file, first paint), else over the
    floor's first paint: "this point of our load is reached at N x the time the
    floor needs to show the whole map".
    """
    by_name = {p.name: p for p in floor}
    floor_paint = by_name.get("first painted frame")
    lines = [f"waterfall ({title}), ms since navigation start",
             f"{'phase':<24}{'start':>8}{'end':>8}{'dur':>8}{'req':>5}{'KB':>8}{'floor end':>11}{'x floor':>9}"]

    def fmt(value: float) -> str:
        return "-" if math.isnan(value) else f"{value:.0f}"

    for row in ours:
        match = by_name.get(row.name)
        reference = match if match is not None else floor_paint
        ratio = "-"
        if reference is not None and reference.end_ms > 0 and not math.isnan(row.end_ms):
            ratio = f"{row.end_ms / reference.end_ms:.1f}x" + ("" if match is not None else "*")
        lines.append(f"{row.name:<24}{fmt(row.start_ms):>8}{fmt(row.end_ms):>8}{fmt(row.duration_ms):>8}"
                     f"{row.requests:>5}{row.bytes / 1024:>8.0f}{fmt(match.end_ms) if match else '':>11}{ratio:>9}")
    if floor_paint is not None:
        lines.append("x floor: end / the floor's same phase; * = / the floor's first paint")
    return "\n".join(lines)


def collect(page: Any) -> dict[str, Any]:
    """Read the raw timing entries from a Playwright page (after the map was drawn)."""
    return dict(page.evaluate(COLLECT_JS))


def waterfall_rows(raw: Mapping[str, Any]) -> list[dict[str, Any]]:
    """:func:`phases` as JSON-ready dicts (empty for no entries)."""
    return [p.as_dict() for p in phases(raw)] if raw else []


def phases_from_rows(rows: Sequence[Mapping[str, Any]]) -> list[Phase]:
    """Back from :func:`waterfall_rows` (``None`` -> NaN)."""
    def num(value: Any) -> float:
        return _NAN if value is None else float(value)
    return [Phase(r["name"], num(r["start_ms"]), num(r["end_ms"]), int(r.get("requests") or 0),
                  int(r.get("bytes") or 0)) for r in rows]
