"""Shared fixtures: the hand-made mini data set and the built layers."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest

from geo.boundaries import load_counties
from geo.gazetteer import Gazetteer, load_gazetteer

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def isolated_edit_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test (and every app it starts) sees an empty edit store of its own, never the developer's.

    ``$YUQIAN_DATA`` points at a fresh folder and ``$YUQIAN_DB`` is unset for
    the whole session (``$YUQIAN_CACHE`` too: the map preview kept on disk),
    so exports and the viewer show the plan as recorded
    unless a test records edits itself.
    """
    folder = tmp_path_factory.mktemp("yuqian_data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("YUQIAN_DATA", str(folder))
        patch.setenv("YUQIAN_CACHE", str(tmp_path_factory.mktemp("yuqian_cache")))  # the kept map preview
        patch.delenv("YUQIAN_DB", raising=False)
        yield folder


@pytest.fixture(scope="session")
def mini_dir() -> Path:
    """Folder of the hand-made mini data set (two square counties)."""
    return MINI


@pytest.fixture()
def mini_seeds(tmp_path: Path) -> Path:
    """A writable copy of the mini record files."""
    dest = tmp_path / "seeds"
    shutil.copytree(MINI / "seeds", dest)
    return dest


@pytest.fixture(scope="session")
def mini_gazetteer() -> Gazetteer:
    """The mini gazetteer."""
    return load_gazetteer(MINI / "gazetteer.csv")


@pytest.fixture(scope="session")
def mini_counties() -> gpd.GeoDataFrame:
    """The two square counties of the mini data set."""
    return load_counties(MINI / "counties.geojson")


@pytest.fixture(scope="session")
def contract_layers() -> dict[str, gpd.GeoDataFrame]:
    """The hand-made export layers that follow the data contract (``tests/data/export_layers``)."""
    from geo.config import LAYERS

    folder = DATA / "export_layers"
    return {name: gpd.read_file(folder / f"{name}.geojson") for name in LAYERS if (folder / f"{name}.geojson").exists()}


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The repository root."""
    return ROOT


@pytest.fixture(scope="session")
def built_layers() -> dict[str, gpd.GeoDataFrame]:
    """The committed layers of ``layers/``."""
    from geo.store import load_layers

    return load_layers(ROOT / "layers")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's headless Chromium, one per test module (the tests make their own contexts)."""
    from tests._browser import launched_chromium

    with launched_chromium() as chromium:
        yield chromium


@pytest.fixture()
def sized_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """A factory of offline pages on the module's Chromium: ``sized_page(width, height, **context_options)``.

    Each page has a context of its own (no shared session); every context made is closed after the test.
    """
    from tests._browser import offline_context

    contexts: list[Any] = []

    def make(width: int, height: int, **options: object) -> Any:
        context = offline_context(browser, width, height, **options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def loopback_app_url() -> Iterator[str]:
    """``streamlit run app.py`` on the hand-made layers, bound to 127.0.0.1 only; its URL."""
    from bench.server import running_app
    from geo.view.files._assets import missing_assets

    assert not missing_assets(), "run `npm ci --prefix geo/view/assets` first"
    with running_app("app.py", DATA / "layers") as url:
        yield url


# --- the five source documents (tests only; never read at run time) ---------------------------

#: Where the documents sit, beside the repository (``../shared/seeds``).
SOURCE_DOCUMENTS_DIR = ROOT.parent / "shared" / "seeds"


class SourceDocuments(dict):
    """Document number (``"000"`` ... ``"004"``) -> full text, plus ``section("001 专栏4-2")``.

    Section rules are in ``tests/_source_sections.py`` (boxes and chapter sections of the plan).
    """

    def section(self, citation: str) -> str:
        """Text of a cited section (``"001 专栏3-1"``); KeyError names an unknown one."""
        from _source_sections import section_text

        return section_text(self, citation)


@pytest.fixture(scope="session")
def source_documents() -> SourceDocuments:
    """The five source documents from ``../shared/seeds`` (skipped when the folder is absent)."""
    if not SOURCE_DOCUMENTS_DIR.is_dir():
        pytest.skip(f"source documents not found at {SOURCE_DOCUMENTS_DIR}: these checks read "
                    "the plan and press articles, which are not shipped with the repository")
    texts = {path.name[:3]: path.read_text(encoding="utf-8")
             for path in sorted(SOURCE_DOCUMENTS_DIR.glob("00[0-4]_*.txt"))}
    return SourceDocuments(texts)


# --- PostgreSQL + PostGIS ------------------------------------------------------------


def _start_throwaway_postgis(state_file: Path) -> str | None:
    """Start a cluster with ``scripts/pgtest.sh``; its DSN, or None when no server is installed."""
    import os
    import subprocess

    env = {**os.environ, "YUQIAN_PGTEST_STATE": str(state_file)}
    done = subprocess.run(["bash", str(ROOT / "scripts" / "pgtest.sh"), "start"], env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return None
    return done.stdout.strip().rpartition("=")[2] or None


@pytest.fixture(scope="session")
def postgis_dsn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """DSN of a real PostgreSQL + PostGIS server that the test run itself started.

    ``.ci/run`` starts one with ``scripts/pgtest.sh`` and exports
    ``YUQIAN_TEST_PG_DSN``; without it (a developer's ``pytest``) this fixture
    starts a throwaway cluster for the session and stops it at the end.  Tests
    never touch any other server.  Where no PostgreSQL is installed the tests
    are skipped, except under ``CI=true``, where that is a failure.
    """
    import os
    import subprocess

    given = os.environ.get("YUQIAN_TEST_PG_DSN")
    if given:
        yield given
        return
    state_file = tmp_path_factory.mktemp("pgtest") / "state"
    dsn = _start_throwaway_postgis(state_file)
    if dsn is None:
        message = "PostgreSQL + PostGIS not installed (Debian postgresql-15-postgis-3; scripts/setup.sh installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    try:
        yield dsn
    finally:
        subprocess.run(["bash", str(ROOT / "scripts" / "pgtest.sh"), "stop"],
                       env={**os.environ, "YUQIAN_PGTEST_STATE": str(state_file)}, check=False)


@pytest.fixture()
def fresh_postgis_dsn(postgis_dsn: str) -> Iterator[str]:
    """DSN of a new, empty PostGIS database (a copy of the test template), dropped afterwards."""
    import uuid

    import psycopg
    from psycopg import sql

    base, _, template = postgis_dsn.rpartition("/")
    name = f"yq_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgis_dsn, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template)))
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(postgis_dsn, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


# --- the edit store (tests/test_edits_store.py, tests/test_edits_security.py) ----------


@pytest.fixture(params=["sqlite", "postgis"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of an empty store: a SQLite file, or a fresh PostGIS database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'edits.sqlite'}"
    return request.getfixturevalue("fresh_postgis_dsn")


@pytest.fixture()
def clock() -> Any:
    """A :class:`tests._edit_store.FakeClock`: the test moves it by hand."""
    from tests._edit_store import FakeClock

    return FakeClock()


@pytest.fixture()
def store(store_url: str, project_root: Path, clock: Any) -> Iterator[Any]:
    """An open store on the committed layers with an editor ``li`` and an admin ``wang``."""
    from geo.edits import open_store
    from tests._edit_store import PASSWORD

    opened = open_store(store_url, layers_dir=project_root / "layers", clock=clock)
    opened.add_user("li", PASSWORD, "editor")
    opened.add_user("wang", PASSWORD, "admin")
    yield opened
    opened.close()


# --- edit mode ----------------------------------------------------------------------


def copy_layers_for_edits(destination: Path) -> Path:
    """The hand-made layers copied to ``destination``, each feature with a ``coord_source``.

    The edit store checks edits against the layers it is given and reads the
    data contract's ``coord_source``, which the hand-made files predate.  The
    originals are left untouched.
    """
    import json

    destination.mkdir(parents=True, exist_ok=True)
    for path in sorted((DATA / "layers").glob("*.geojson")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for feature in data.get("features", []):
            feature.setdefault("properties", {}).setdefault("coord_source", "tests/data hand-made")
        (destination / path.name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return destination


@pytest.fixture()
def edit_layers(tmp_path: Path) -> Path:
    """A writable copy of the hand-made layers for the edit-mode tests (see :func:`copy_layers_for_edits`)."""
    return copy_layers_for_edits(tmp_path / "layers")


@pytest.fixture(scope="session")
def dictionary() -> object:
    """The scanner's dictionary of the area's names (built once: the scanner's rule tests share it)."""
    from geo.scan._names import default_dictionary

    return default_dictionary()
