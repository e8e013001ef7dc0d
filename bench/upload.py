"""Big-upload files for the tests and the ``upload100k`` benchmark scale.

:func:`points_csv` writes N random points (with a name and a kind column) over
the pilot zone, :func:`squares_geojson` N small squares; both deterministic
for a seed.  :func:`measure_upload` times what a user meets with such a file:
read and validated (:func:`geo.upload.read_upload`, in this process), then, in
the real viewer in Chromium, from the file chosen in the uploader to the
painted frame holding every point (``yqUpload.count()``, see
:mod:`geo.view.upload._big_layer`), filter changes redrawn, and the server's
resident memory before and after.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from pathlib import Path
from typing import Any

#: The upload panel's own file box (the scan panel has one too).
UPLOAD_INPUT = ".st-key-yq_upload_file [data-testid='stFileUploader'] input[type='file']"

#: Bounding box of the generated features (lon_min, lat_min, lon_max, lat_max): the pilot zone.
ZONE = (106.3, 28.2, 107.2, 29.1)
#: Upload count seen in the map iframe, then the painted frame (ms since the armed start), like bench.viewer.
_UPLOAD_DRAWN_JS = """(expected) => {
  if (window.__yqPainted !== undefined) return Math.max(window.__yqPainted - window.__yqStart, 0.001);
  const frame = document.querySelector("iframe[title='streamlit_folium.st_folium']");
  const w = frame ? frame.contentWindow : null;
  const layer = w && w.yqUpload;
  if (window.__yqSeen === undefined && layer && layer.ready && layer.count() === expected) {
    window.__yqSeen = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { window.__yqPainted = performance.now(); };
    channel.port2.postMessage(0);
  }
  return false;
}"""
#: The clock of the upload's first paint: from now (no click or key starts it), or the next key press.
ARM_JS = """() => {
  delete window.__yqSeen; delete window.__yqPainted; window.__yqStart = performance.now();
  const mark = (event) => { window.__yqStart = event.timeStamp; };
  document.addEventListener("keydown", mark, {capture: true, once: true});
}"""
#: The upload layer's step times (``yqUpload.timings``, iframe clock) in ms since the armed start (top clock).
_STEPS_JS = """() => {
  const frame = document.querySelector("iframe[title='streamlit_folium.st_folium']");
  const w = frame.contentWindow, times = w.yqUpload.timings || {}, out = {};
  const offset = w.performance.timeOrigin - performance.timeOrigin - window.__yqStart;
  for (const step in times) out[step] = times[step] + offset;
  return out;
}"""
#: Search terms of the timed redraws (each changes the upload's count).
UPLOAD_TERMS = ("点1", "", "k3", "", "点2", "", "k5", "")


def _p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank) of ``values``; NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(0.95 * len(ordered))) - 1))]


def points_csv(count: int, seed: int = 1) -> bytes:
    """A CSV of ``count`` points: ``name,kind,lon,lat`` (UTF-8)."""
    rng = random.Random(seed)
    x0, y0, x1, y1 = ZONE
    lines = ["name,kind,lon,lat"]
    lines += [f"点{i},k{i % 7},{x0 + rng.random() * (x1 - x0):.6f},{y0 + rng.random() * (y1 - y0):.6f}"
              for i in range(count)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def squares_geojson(count: int, seed: int = 1, size: float = 0.002) -> bytes:
    """A GeoJSON FeatureCollection of ``count`` small squares (``size`` degrees)."""
    rng = random.Random(seed)
    x0, y0, x1, y1 = ZONE
    features = []
    for i in range(count):
        x, y = round(x0 + rng.random() * (x1 - x0), 5), round(y0 + rng.random() * (y1 - y0), 5)
        ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
        features.append({"type": "Feature", "properties": {"name": f"面{i}"},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode("utf-8")


def _server_proc(port: int) -> Path | None:
    """``/proc/<pid>`` of the ``streamlit run`` process serving ``port`` (``None`` if not found)."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(argv) and str(port).encode() in argv:
            return proc
    return None


def server_rss_mb(port: int) -> float:
    """Resident memory (MB) of the ``streamlit run`` process serving ``port`` (NaN if not found)."""
    proc = _server_proc(port)
    try:
        for line in (proc / "status").read_text().splitlines() if proc else []:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return float("nan")


def server_cpu_s(port: int) -> float:
    """CPU seconds (user + system, all threads) the server serving ``port`` has used so far (NaN if not found).

    Far less sensitive to other work on a shared machine than wall-clock times:
    the difference over a step is the server's own work for it.
    """
    import os

    proc = _server_proc(port)
    try:
        fields = (proc / "stat").read_text().rsplit(")", 1)[1].split() if proc else []
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") if len(fields) > 12 else float("nan")


def measure_upload(count: int, layers: Path, work: Path, changes: int = 8, timeout_s: float = 300.0) -> dict[str, Any]:
    """Figures of a ``count``-point upload: parse, first paint, redraws, server memory.

    Parameters
    ----------
    count : int
        Points in the generated CSV.
    layers : pathlib.Path
        The plan's layers shown with it.
    work : pathlib.Path
        Folder for the file.
    changes : int
        Search changes timed after the upload is drawn.
    timeout_s : float
        Longest wait for one draw.

    Returns
    -------
    dict
        ``upload_points``, ``upload_bytes``, ``upload_parse_s``, ``upload_first_paint_s``,
        ``upload_first_paint_steps_ms`` (the layer's steps: ``created`` when the map script
        reached it, file ``loaded``, cluster index ``built``, ``drawn``; ms since the file was
        chosen), ``upload_redraw_p50_ms``, ``upload_redraw_p95_ms``, ``upload_redraw_ms``,
        ``upload_redraw_ws_bytes`` (websocket bytes received per redraw), ``upload_server_cpu_s`` and
        ``upload_redraw_server_cpu_ms`` (the server's CPU time over the first paint and each redraw),
        ``server_rss_before_mb``,
        ``server_rss_after_mb``, ``upload_server_mb`` and ``errors``.
    """
    from urllib.parse import urlparse

    from playwright.sync_api import sync_playwright

    from bench.browser import CHROMIUM, CHROMIUM_ARGS, arm_js, new_context
    from bench.viewer import SEARCH_LABEL, running_app
    from geo.filters import Criteria
    from geo.upload import read_upload
    from geo.view.upload import filter_upload

    arm_change = arm_js(_UPLOAD_DRAWN_JS)  # a search change, watched from the page in every frame
    data = points_csv(count)
    work.mkdir(parents=True, exist_ok=True)
    path = work / f"points_{count}.csv"
    path.write_bytes(data)
    start = time.perf_counter()
    layer = read_upload(path.name, data)
    parse_s = time.perf_counter() - start
    row: dict[str, Any] = {"upload_points": count, "upload_bytes": len(data), "upload_parse_s": parse_s, "errors": []}
    expected = {t: len(filter_upload(layer.frame, Criteria(text=t or None))) for t in UPLOAD_TERMS}
    timeout_ms = timeout_s * 1000
    with running_app("app.py", layers) as url, sync_playwright() as playwright:
        port = urlparse(url).port or 0
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = new_context(browser).new_page()
            received: list[int] = []
            page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.append(len(payload))))
            page.goto(f"{url}/?base=none")
            page.wait_for_selector("iframe[title='streamlit_folium.st_folium']", timeout=timeout_ms)
            time.sleep(2.0)  # the first run settles (outside any timing)
            row["server_rss_before_mb"] = server_rss_mb(port)
            cpu_before = server_cpu_s(port)
            page.get_by_text("上传图层").first.click()
            page.evaluate(ARM_JS)
            page.locator(UPLOAD_INPUT).set_input_files(str(path))
            handle = page.wait_for_function(_UPLOAD_DRAWN_JS, arg=count, timeout=timeout_ms, polling="raf")
            row["upload_first_paint_s"] = float(handle.json_value()) / 1000.0
            row["upload_first_paint_steps_ms"] = page.evaluate(_STEPS_JS)
            row["upload_server_cpu_s"] = server_cpu_s(port) - cpu_before
            row["server_rss_after_mb"] = server_rss_mb(port)
            row["upload_server_mb"] = row["server_rss_after_mb"] - row["server_rss_before_mb"]
            search = page.get_by_label(SEARCH_LABEL)
            redraws, ws_bytes, cpu_ms = [], [], []
            terms = [t for t in UPLOAD_TERMS if t] and list(UPLOAD_TERMS)
            for i in range(changes):
                term = terms[i % len(terms)]
                search.fill(term)
                page.evaluate(arm_change, expected[term])
                received.clear()
                cpu_before = server_cpu_s(port)
                search.press("Enter")
                handle = page.wait_for_function(_UPLOAD_DRAWN_JS, arg=expected[term], timeout=timeout_ms,
                                                polling="raf")
                redraws.append(float(handle.json_value()))
                cpu_ms.append((server_cpu_s(port) - cpu_before) * 1000.0)
                time.sleep(0.3)
                ws_bytes.append(sum(received))
            row["upload_redraw_ms"] = redraws
            row["upload_redraw_ws_bytes"] = ws_bytes
            row["upload_redraw_server_cpu_ms"] = cpu_ms
            row["upload_redraw_p50_ms"] = statistics.median(redraws) if redraws else float("nan")
            row["upload_redraw_p95_ms"] = _p95(redraws)
        except Exception as error:
            row["errors"].append(f"upload{count}: {type(error).__name__}: {str(error).splitlines()[0][:160]}")
        finally:
            browser.close()
    return row
