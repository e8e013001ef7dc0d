"""Save, load and compare the layers of ``layers/``.

Writing is all-or-nothing: every file is written into a temporary folder beside
``layers/``, which then replaces it, so an error never leaves the folder
half-written.  Loading is cached per folder for the viewer and the exports.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import geopandas as gpd
import pyogrio

from geo import config
from geo._errors import LayerError
from geo._geojson import dumps_feature_collection


def layer_path(name: str, folder: Path | None = None) -> Path:
    """Path of one layer file, e.g. ``layers/corridors.geojson``."""
    return (folder or config.layers_dir()) / f"{name}.geojson"


def layers_to_text(layers: dict[str, gpd.GeoDataFrame]) -> dict[str, str]:
    """File name -> deterministic GeoJSON text of every layer."""
    return {f"{name}.geojson": dumps_feature_collection(frame, name) for name, frame in layers.items()}


def save_layers(layers: dict[str, gpd.GeoDataFrame], folder: Path | None = None) -> list[Path]:
    """Write the layers atomically as GeoJSON files.

    Parameters
    ----------
    layers : dict
        Layer name -> GeoDataFrame.
    folder : Path, optional
        Destination; defaults to :func:`geo.config.layers_dir`.

    Returns
    -------
    list of Path
        The files written.
    """
    folder = Path(folder or config.layers_dir())
    texts = layers_to_text(layers)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        for fname, text in texts.items():
            (tmp / fname).write_text(text, encoding="utf-8")
        old = None
        if folder.exists():
            old = folder.with_name(f".{folder.name}-old-{os.getpid()}")
            os.replace(folder, old)
        os.replace(tmp, folder)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return [folder / f for f in texts]


def stale_files(layers: dict[str, gpd.GeoDataFrame], folder: Path | None = None) -> list[str]:
    """Files of ``folder`` that differ from what ``layers`` would write.

    Returns
    -------
    list of str
        ``"name: reason"`` for each missing, changed or unexpected file;
        empty when the folder is current.
    """
    folder = Path(folder or config.layers_dir())
    texts = layers_to_text(layers)
    problems = []
    for fname, text in texts.items():
        path = folder / fname
        if not path.exists():
            problems.append(f"{fname}: missing")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{fname}: differs from a fresh build")
    if folder.exists():
        for path in sorted(folder.glob("*.geojson")):
            if path.name not in texts:
                problems.append(f"{path.name}: not produced by the build")
    return problems


def load_layers(folder: Path | None = None, names: list[str] | None = None) -> dict[str, gpd.GeoDataFrame]:
    """Read the built layers.

    Parameters
    ----------
    folder : Path, optional
        Defaults to :func:`geo.config.layers_dir`.
    names : list of str, optional
        Layers to read; defaults to all of :data:`geo.config.LAYERS`.

    Returns
    -------
    dict
        Layer name -> GeoDataFrame (EPSG:4326), in drawing order.

    Raises
    ------
    LayerError
        If a layer file is missing; run ``python -m geo build``.
    """
    folder = Path(folder or config.layers_dir())
    names = list(names or config.LAYERS)
    missing = [n for n in names if not layer_path(n, folder).exists()]
    if missing:
        raise LayerError(f"layers {missing!r} not found in {str(folder)!r}; run `python -m geo build` first")
    out = {}
    for name in names:
        frame = pyogrio.read_dataframe(layer_path(name, folder))
        out[name] = frame.set_crs("EPSG:4326", allow_override=True)
    return out
