"""Loading the layers for the viewer, once, with a fallback loader.

The lead's :func:`geo.layers.load_layers` is used when it exists; until then (or
when it cannot be imported) :func:`read_layer_folder` reads the GeoJSON files of
the data contract directly.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

from geo.config import LAYERS, layers_dir


def read_layer_folder(folder: Path | str | None = None) -> dict[str, gpd.GeoDataFrame]:
    """Read ``<layer>.geojson`` for each layer of :data:`geo.config.LAYERS`.

    Parameters
    ----------
    folder : path-like, optional
        Folder of the GeoJSON layers; defaults to :func:`geo.config.layers_dir`.

    Returns
    -------
    dict of str to geopandas.GeoDataFrame
        Layers by name in drawing order; a missing file gives an empty layer.
    """
    root = Path(folder) if folder is not None else layers_dir()
    layers: dict[str, gpd.GeoDataFrame] = {}
    for name in LAYERS:
        path = root / f"{name}.geojson"
        if path.exists():
            frame = gpd.read_file(path)
            if frame.crs is None:
                frame = frame.set_crs(4326)
        else:
            frame = gpd.GeoDataFrame({"geometry": []}, geometry="geometry", crs=4326)
        layers[name] = frame
    return layers


def load_viewer_layers(folder: Path | str | None = None) -> dict[str, gpd.GeoDataFrame]:
    """Layers for the viewer: :func:`geo.layers.load_layers` if available, else the fallback.

    Parameters
    ----------
    folder : path-like, optional
        Folder of the layers; ``None`` uses the project's ``layers/`` (or ``$YUQIAN_LAYERS``).

    Returns
    -------
    dict of str to geopandas.GeoDataFrame
        Layers by name, WGS84.
    """
    try:
        from geo.layers import load_layers  # the lead's loader, when present
    except ImportError:
        return read_layer_folder(folder)
    loaded = load_layers(folder)
    return {name: frame.to_crs(4326) if frame.crs is not None else frame.set_crs(4326)
            for name, frame in loaded.items()}
