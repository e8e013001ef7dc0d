"""Cache keys of the viewer's data that cost no heavy import: the server's first request reads them.

:func:`folder_signature` follows rebuilds of the layer files; the edit store's
revision is added by :func:`geo.view.edit._layers.store_signature`.
"""

from __future__ import annotations

from pathlib import Path

Signature = tuple[tuple[str, float], ...]


def folder_signature(folder: str) -> Signature:
    """Names and modification times of a folder's GeoJSON files (a cache key that follows rebuilds)."""
    root = Path(folder)
    return tuple(sorted((p.name, p.stat().st_mtime) for p in root.glob("*.geojson"))) if root.is_dir() else ()
