"""Load time of the published static site (``python -m geo publish``) beside the viewer's.

The static site is the floor of the viewer's cold load: the same features file
and map code without Streamlit.  :func:`site_first_paint` publishes a layers
folder, serves the site from loopback and times its cold first paint the way
:mod:`bench.viewer` times the viewer's (fresh browser context, clock at
navigation start, stop at the painted frame that shows every feature, one
warm-up load first).

Run ``python bench/site.py [--layers layers/] [--viewer]`` for one table row:
the site over HTTP and from ``file://``, the plain-Leaflet floor of
:mod:`bench.floor` and, with ``--viewer``, the viewer's cold first paint.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.browser import CHROMIUM, CHROMIUM_ARGS, first_paint  # noqa: E402
from bench.floor import serving, static_floor  # noqa: E402
from bench.viewer import drawn_count, measure_app, running_app  # noqa: E402
from geo.publish import prepared_layers, publish_site  # noqa: E402
from geo.store import load_layers  # noqa: E402
from geo.view.map import map_data_text  # noqa: E402


def site_first_paint(layers_folder: Path, work: Path, runs: int = 3) -> tuple[float, float, int]:
    """Median cold first paint (s) of the site over loopback HTTP and from file://, and its feature count."""
    from playwright.sync_api import sync_playwright

    layers = load_layers(layers_folder)
    total = drawn_count(layers, "", False)  # features of unknown position are listed, not drawn
    site = work / "site"
    publish_site(layers, site)
    http_s, file_s = [], []
    with serving(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            first_paint(browser, url, total, 60_000)  # warm-up: the OS file cache
            for _ in range(runs):
                http_s.append(first_paint(browser, url, total, 60_000))
                file_s.append(_file_paint(browser, site / "index.html", total))
        finally:
            browser.close()
    return statistics.median(http_s), statistics.median(file_s), total


def _file_paint(browser: object, page_path: Path, total: int) -> float:
    """Seconds from navigation to every feature painted, from file:// (the site's own clock, ``yqSite``)."""
    context = browser.new_context(viewport={"width": 1500, "height": 1400})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                  else route.abort())
    try:
        page = context.new_page()
        page.goto(page_path.as_uri())
        page.wait_for_function("window.yqSite && window.yqSite.paintedAt !== null", timeout=60_000)
        if page.evaluate("yqSite.drawn()") != total:
            raise RuntimeError("the site did not draw every feature")
        return float(page.evaluate("yqSite.paintedAt")) / 1000.0
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layers", type=Path, default=ROOT / "layers", help="layers folder (default: layers/)")
    parser.add_argument("--viewer", action="store_true", help="also time the viewer's cold first paint")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="yq-site-bench-") as tmp:
        work = Path(tmp)
        http_s, file_s, total = site_first_paint(args.layers, work)
        layers = load_layers(args.layers)
        features = map_data_text(prepared_layers(layers, "zh", layers)).encode("utf-8")
        floor_s = static_floor(features, total, work / "floor")
        viewer_s = float("nan")
        if args.viewer:
            with running_app("app.py", args.layers) as url:
                viewer_s = measure_app(url, total, []).cold_first_paint_s
    print("features | site http s | site file:// s | plain-Leaflet floor s | viewer cold s | viewer/site")
    print(f"{total} | {http_s:.2f} | {file_s:.2f} | {floor_s:.2f} | {viewer_s:.2f} | {viewer_s / http_s:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
