"""Shared fixtures: the hand-made mini data set and the built layers."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pytest

from geo.boundaries import load_counties
from geo.gazetteer import Gazetteer, load_gazetteer

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini"
ROOT = Path(__file__).resolve().parent.parent


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
def project_root() -> Path:
    """The repository root."""
    return ROOT


@pytest.fixture(scope="session")
def built_layers() -> dict[str, gpd.GeoDataFrame]:
    """The committed layers of ``layers/``."""
    from geo.store import load_layers

    return load_layers(ROOT / "layers")


@pytest.fixture(scope="module")
def loopback_app_url() -> Iterator[str]:
    """``streamlit run app.py`` on the hand-made layers, bound to 127.0.0.1 only; its URL."""
    from bench.server import running_app
    from geo.view.assets import missing_assets

    assert not missing_assets(), "run `npm ci --prefix geo/view/assets` first"
    with running_app("app.py", DATA / "layers") as url:
        yield url
