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
    """``streamlit run app.py`` on the hand-made layers, bound to 127.0.0.1 only; its URL.

    The server listens on the loopback interface at a free port and is stopped
    (terminate, then kill) when the module's tests are done.
    """
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    from geo.view.assets import missing_assets

    assert not missing_assets(), "run `npm ci --prefix geo/view/assets` first"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    env = {**os.environ, "YUQIAN_LAYERS": str(DATA / "layers")}
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.address", "127.0.0.1", "--server.port", str(port),
               "--browser.gatherUsageStats", "false"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode(errors="replace") if process.stdout else ""
                    raise RuntimeError(f"streamlit did not start:\n{output}") from None
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
