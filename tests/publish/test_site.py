"""``python -m geo publish``: the static site, opened in Chromium from file:// (and a web server) offline."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from pathlib import Path

import geopandas as gpd
import pytest
from _browser import shots_dir
from _paths import DATA, ROOT_DIR

from geo.cli import main
from geo.publish._site import FEATURES_JS, SITE_MARKER
from geo.store import load_layers

ROOT = ROOT_DIR
LAYERS = ROOT / "layers"
TEST_LAYERS = DATA / "layers"
XSS_NAME = '<img src=x onerror="window.yqXss=1">镇'
#: Drawn on the page: lines, polygons and single points are SVG paths; stacked points are counted by their icon.
DRAWN_JS = """() => {
  const paths = document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive:not(.yq-halo)').length;
  const counts = Array.from(document.querySelectorAll('.yq-stack-count'));
  const stacked = counts.reduce((a, e) => a + Number(e.textContent), 0);
  return paths + stacked;
}"""

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plan's layers published once through the command line."""
    folder = tmp_path_factory.mktemp("publish") / "site"
    assert main(["publish", "--output", str(folder), "--layers-dir", str(LAYERS)]) == 0
    return folder


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server that does not log every request."""

    def log_message(self, format: str, *args: object) -> None:
        del format, args


def offline_page(browser: object, allowed: tuple[str, ...] = ("file://",)) -> tuple[object, list[str]]:
    """A page where every request not starting with ``allowed`` is aborted; the list of aborted URLs."""
    aborted: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 800})

    def route(route: object) -> None:
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            aborted.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    return context.new_page(), aborted


def open_site(page: object, url: str) -> float:
    """Open the site and wait until every feature is drawn; ms from navigation start to that frame painted."""
    page.goto(url)
    page.wait_for_function("window.yqSite && window.yqSite.paintedAt !== null", timeout=60_000)
    return float(page.evaluate("yqSite.paintedAt"))


def uses_openstreetmap(folder: Path) -> bool:
    """Whether any feature of the layers comes from OpenStreetMap (then it must be credited)."""
    return any("openstreetmap" in str(value).lower() for frame in load_layers(folder).values()
               if "coord_source" in frame for value in frame["coord_source"])


def expected_total(folder: Path) -> int:
    """Features the map draws: all but those of unknown position (no geometry)."""
    return sum(int(frame.geometry.notna().sum()) for frame in load_layers(folder).values())


def expected_marks(folder: Path) -> int:
    """Symbols the map draws: one per feature, one per point of a MultiPoint (a project over several towns)."""
    return sum(len(geom.geoms) if geom.geom_type == "MultiPoint" else 1
               for frame in load_layers(folder).values() for geom in frame.geometry if geom is not None)


def test_site_folder_is_self_contained(site: Path) -> None:
    for name in ("index.html", FEATURES_JS, "data/search.js", "lib/leaflet-bundle-zh.js", "lib/site.js",
                 "lib/leaflet/dist/leaflet.css", "lib/leaflet/LICENSE", "ABOUT.txt", SITE_MARKER):
        assert (site / name).is_file(), name
    page = (site / "index.html").read_text(encoding="utf-8")
    references = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert references and not [r for r in references if re.match(r"(https?:)?//", r)]
    for reference in references:
        assert (site / reference).is_file(), reference
    for sheet in site.joinpath("lib").rglob("*.css"):  # images of the style sheets are local too
        for url in re.findall(r"url\(['\"]?([^'\")]+)", sheet.read_text(encoding="utf-8")):
            assert url.startswith(("data:", "#")) or (sheet.parent / url).is_file(), (sheet, url)
    assert f'window.yqData["{FEATURES_JS}"]' in (site / FEATURES_JS).read_text(encoding="utf-8")


def test_site_draws_every_feature_from_file_with_the_network_blocked(site: Path, browser: object) -> None:
    page, aborted = offline_page(browser)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    painted_ms = open_site(page, (site / "index.html").as_uri())
    total = expected_total(LAYERS)
    assert page.evaluate("yqSite.drawn()") == total
    page.wait_for_timeout(400)
    assert page.locator(".yq-label").count() > 10  # county and township names (mapread.js)
    assert page.locator(".yq-map-legend").count() == 1
    credits = page.inner_text(".leaflet-control-attribution")
    assert "GeoNames (CC BY 4.0)" in credits
    if uses_openstreetmap(LAYERS):
        assert "© OpenStreetMap contributors (ODbL 1.0)" in credits
    page.screenshot(path=str(shots_dir() / "site.png"))
    page.evaluate("yqSite.fitAll()")  # every point inside the view, so that each is drawn or stacked
    page.wait_for_timeout(500)
    assert page.evaluate(DRAWN_JS) == expected_marks(LAYERS)
    assert aborted == [] and errors == []
    print(f"\nsite load time (navigation start -> every feature painted): {painted_ms:.0f} ms")


def test_search_finds_pinyin_and_opens_the_popup(site: Path, browser: object) -> None:
    page, aborted = offline_page(browser)
    open_site(page, (site / "index.html").as_uri())
    page.fill(".yq-site-search input", "ganshui")
    hits = page.locator(".yq-site-hit")
    assert hits.count() >= 2  # the town, and the lines named after it
    assert "赶水镇" in hits.all_inner_texts()[0]
    hits.first.click()
    page.wait_for_selector(".leaflet-popup-content .yq-popup", timeout=10_000)
    assert "赶水镇" in page.inner_text(".leaflet-popup-content")
    assert aborted == []


def test_layer_toggle_hides_and_shows_a_layer(site: Path, browser: object) -> None:
    page, aborted = offline_page(browser)
    open_site(page, (site / "index.html").as_uri())
    corridors = len(load_layers(LAYERS, names=["corridors"])["corridors"])
    before = page.evaluate(DRAWN_JS)
    page.hover(".leaflet-control-layers")
    checkbox = page.locator(".leaflet-control-layers-overlays label", has_text="交通通道").locator("input")
    checkbox.uncheck()
    page.wait_for_timeout(300)
    assert page.evaluate(DRAWN_JS) == before - corridors
    checkbox.check()
    page.wait_for_timeout(300)
    assert page.evaluate(DRAWN_JS) == before
    assert aborted == []


def test_site_works_from_a_web_server_and_in_an_iframe(site: Path, browser: object, tmp_path: Path) -> None:
    shutil.copytree(site, tmp_path / "site")
    (tmp_path / "embed.html").write_text(
        '<!doctype html><meta charset="utf-8"><h1>嵌入 Embedded</h1>'
        '<iframe src="site/index.html" width="900" height="600" style="border:0"></iframe>', encoding="utf-8")
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        page, aborted = offline_page(browser, allowed=(base,))
        page.goto(f"{base}/embed.html")
        frame = page.frame_locator("iframe")
        frame.locator(".yq-site-title").wait_for(timeout=30_000)
        inner = page.frames[1]
        inner.wait_for_function("window.yqSite && window.yqSite.paintedAt !== null", timeout=60_000)
        assert inner.evaluate("yqSite.drawn()") == expected_total(LAYERS)
        assert aborted == []
    finally:
        server.shutdown()


def test_text_from_the_data_is_escaped(browser: object, tmp_path: Path) -> None:
    layers_dir = tmp_path / "layers"
    shutil.copytree(TEST_LAYERS, layers_dir)
    towns = gpd.read_file(layers_dir / "townships.geojson")
    towns.loc[towns.index[0], "name"] = XSS_NAME
    towns.to_file(layers_dir / "townships.geojson", driver="GeoJSON")
    folder = tmp_path / "site"
    assert main(["publish", "--output", str(folder), "--layers-dir", str(layers_dir)]) == 0
    page, aborted = offline_page(browser)
    open_site(page, folder.joinpath("index.html").as_uri())
    page.fill(".yq-site-search input", "onerror")
    assert XSS_NAME in page.locator(".yq-site-hit").first.inner_text()
    page.locator(".yq-site-hit").first.click()
    page.wait_for_selector(".leaflet-popup-content .yq-popup", timeout=10_000)
    assert XSS_NAME in page.inner_text(".leaflet-popup-content")
    assert page.evaluate("window.yqXss") is None
    assert page.locator("img[src='x']").count() == 0
    assert aborted == []


def test_republishing_replaces_a_site_but_never_another_folder(site: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "site"
    assert main(["publish", "--output", str(target), "--layers-dir", str(TEST_LAYERS), "--lang", "en"]) == 0
    assert main(["publish", "--output", str(target), "--layers-dir", str(TEST_LAYERS),
                 "--layer", "corridors"]) == 0
    assert "corridors 4" in capsys.readouterr().out
    assert (target / "lib" / "leaflet-bundle-zh.js").is_file()
    assert not (target / "lib" / "leaflet-bundle-en.js").exists()
    other = tmp_path / "documents"
    other.mkdir()
    (other / "report.docx").write_text("keep me", encoding="utf-8")
    assert main(["publish", "--output", str(other), "--layers-dir", str(TEST_LAYERS)]) == 2
    assert "is not a site" in capsys.readouterr().err
    assert [p.name for p in other.iterdir()] == ["report.docx"]


def test_empty_selection_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["publish", "--output", str(tmp_path / "site"), "--layers-dir", str(TEST_LAYERS),
                 "--search", "no-such-place-xyz"]) == 2
    assert "nothing to publish" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()
    assert [p.name for p in tmp_path.iterdir()] == []
