"""Time to a map that answers: navigation to the first filter change drawn, on a cold load.

A visitor opens the page in a new browser (empty cache), and as soon as the page
lets them make a filter change (the sidebar's cross-border box is there and
enabled) they make it; the time runs from navigation start to the painted frame
of a visible map holding the filtered count.  Visible: the preview's map
(:mod:`geo.view.server._preview`) while its box is on the page, the live map
(the ``st_folium`` iframe) once it is not; on a plain page (the baseline), the
live map.  All times are the page's own clock (``performance.now()``, 0 at
navigation), as for the redraws (:mod:`bench.browser`):

* ``ready``: the first animation frame in which the box was on the page, shown and
  enabled; in that same frame the watcher clicks it (pointer and mouse down and up, then
  ``input.click()``: the change made
  at once: a harness's click, Playwright's, came 0.5-1.9 s later on the loaded machine,
  a delay that is the harness's, not the page's);
* ``change``: the ``timeStamp`` of that click event;
* ``painted``: a task queued from the first animation frame after the click in which
  a visible map held the expected count (it runs once that frame is painted).

The watcher is an init script of the top page (:func:`answer_watch_js`), so it looks
in every frame from the start, whatever the harness does meanwhile.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from bench.browser import COUNT_IN_JS, new_context

#: The cross-border box as the page shows it (the sidebar's label, :mod:`geo.view.i18n`).
CROSS_BORDER_LABEL = "仅显示跨省（渝黔）要素"
#: ``id`` of the preview's iframe and of its box (:data:`geo.view.server._preview.PREVIEW_FRAME_ID`).
PREVIEW_FRAME = "yq-preview-frame"
PREVIEW_BOX = "yq-preview"

_WATCH_JS = """(() => {
  if (window.top !== window) return;
  const expected = EXPECTED, label = LABEL, limit = LIMIT_MS;
  const a = window.__yqAnswer = {ready: null, change: null, seen: null, painted: null, by: null};
  const counts = (w) => { try { return (COUNT_IN)(w, expected); } catch (e) { return false; } };
  const mark = (event) => { if (a.ready !== null && a.change === null) a.change = event.timeStamp; };
  document.addEventListener("click", mark, {capture: true});
  document.addEventListener("keydown", mark, {capture: true});
  const usable = () => {  // the box's input, once it is on the page, shown and enabled
    for (const box of document.querySelectorAll("label")) {
      if (!(box.textContent || "").includes(label)) continue;
      const input = box.querySelector("input");
      const r = box.getBoundingClientRect();
      if (input && !input.disabled && r.width > 0 && r.height > 0) return input;
    }
    return null;
  };
  const visibleMap = () => {
    const preview = document.getElementById(PREVIEW_FRAME);
    if (preview && document.getElementById(PREVIEW_BOX)) {
      return counts(preview.contentWindow) ? "preview" : null;
    }
    const live = document.querySelector("iframe[title='streamlit_folium.st_folium']");
    if (live) return counts(live.contentWindow) ? "live" : null;
    return counts(window) ? "page" : null;
  };
  const watch = () => {
    if (a.ready === null) {
      const input = usable();
      if (input) {  // the change, at once, with the events of a real click before it
        a.ready = performance.now();
        for (const [type, Event] of [["pointerdown", PointerEvent], ["mousedown", MouseEvent],
                                     ["pointerup", PointerEvent], ["mouseup", MouseEvent]]) {
          input.dispatchEvent(new Event(type, {bubbles: true, cancelable: true, composed: true}));
        }
        input.click();
      }
    }
    if (a.change !== null && a.seen === null) {
      const by = visibleMap();
      if (by) {
        a.seen = performance.now(); a.by = by;
        const channel = new MessageChannel();  // a task queued from this frame runs once it is painted
        channel.port1.onmessage = () => { a.painted = performance.now(); };
        channel.port2.postMessage(0);
        return;
      }
    }
    if (performance.now() < limit) requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
})();""".replace("COUNT_IN", COUNT_IN_JS)

#: Done (with the times) once the answer is painted, or once the watcher gave up.
_DONE_JS = "(limit) => { const a = window.__yqAnswer; " \
           "return a && (a.painted !== null || performance.now() > limit) ? a : null; }"


def answer_watch_js(expected: int, label: str = CROSS_BORDER_LABEL, limit_ms: float = 120_000) -> str:
    """Init script of the top page: note when ``label``'s box is usable, the click, and the answer painted.

    Parameters
    ----------
    expected : int
        Features the filtered map holds.
    label : str
        Text of the box's label.
    limit_ms : float
        The watcher stops looking after this many ms since navigation.
    """
    return (_WATCH_JS.replace("EXPECTED", str(int(expected))).replace("LABEL", json.dumps(label))
            .replace("LIMIT_MS", str(float(limit_ms))).replace("PREVIEW_FRAME", json.dumps(PREVIEW_FRAME))
            .replace("PREVIEW_BOX", json.dumps(PREVIEW_BOX)))


@dataclass
class ColdAnswer:
    """One cold load answering the first filter change, seconds since navigation (NaN: not seen)."""

    ready_s: float = float("nan")
    change_s: float = float("nan")
    answer_s: float = float("nan")
    by: str = ""

    @property
    def after_change_s(self) -> float:
        """From the click to the answer painted."""
        return self.answer_s - self.change_s

    def as_dict(self) -> dict[str, float | str]:
        """The figures for the JSON, rounded to the ms."""
        def r(value: float) -> float | None:
            return None if math.isnan(value) else round(value, 3)

        return {"ready_s": r(self.ready_s), "change_s": r(self.change_s), "answer_s": r(self.answer_s),
                "after_change_s": r(self.after_change_s), "by": self.by}


def answer_from(raw: dict | None) -> ColdAnswer:
    """The page's ``__yqAnswer`` (ms) as a :class:`ColdAnswer`; raises when the answer was not painted."""
    if not raw or raw.get("painted") is None:
        where = "the box never became usable" if not raw or raw.get("ready") is None else (
            "no click reached the page" if raw.get("change") is None else "no visible map showed the count")
        raise RuntimeError(f"first filter change not answered: {where} ({raw})")
    return ColdAnswer(raw["ready"] / 1000.0, raw["change"] / 1000.0, raw["painted"] / 1000.0, str(raw.get("by") or ""))


def cold_answer(browser: object, url: str, expected: int, timeout_ms: float,
                label: str = CROSS_BORDER_LABEL) -> ColdAnswer:
    """Open ``url`` in a fresh context, toggle ``label``'s box as soon as it is usable, time the answer.

    Parameters
    ----------
    browser : playwright Browser
        Chromium (:data:`bench.browser.CHROMIUM`).
    url : str
        The running app.
    expected : int
        Features drawn once the box is toggled.
    timeout_ms : float
        Longest wait for the answer.

    Returns
    -------
    ColdAnswer
    """
    context = new_context(browser)
    try:
        page = context.new_page()
        page.add_init_script(answer_watch_js(expected, label, timeout_ms))
        page.goto(url)
        handle = page.wait_for_function(_DONE_JS, arg=timeout_ms, timeout=timeout_ms + 10_000, polling=100)
        return answer_from(handle.json_value())
    finally:
        context.close()
