"""The map's other outputs: the printed map (PNG/PDF) and the static site.

Both are built from the viewer's words and map code and from the one
symbology (:mod:`geo.symbology`).  The names below are loaded on first use
(PEP 562), so that ``python -m geo`` and its other subcommands do not import
matplotlib or folium.

* :mod:`._printmap`: ``python -m geo print``; :mod:`._print_parts` (styles in
  points, scale bar, north arrow, graticule), :mod:`._legend_rows` (legend rows,
  precision note, footer);
* :mod:`._site`: ``python -m geo publish``, the static site (its controls in
  ``geo/view/map/js/site.js``);
* :mod:`.cli`: the two subcommands.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geo.publish._printmap import print_map, render_map, route_themes_of
    from geo.publish._site import prepared_layers, publish_site

#: Public name -> the private module that defines it.
_HOMES: dict[str, str] = {
    "print_map": "geo.publish._printmap",
    "render_map": "geo.publish._printmap",
    "route_themes_of": "geo.publish._printmap",
    "prepared_layers": "geo.publish._site",
    "publish_site": "geo.publish._site",
}

__all__ = ["prepared_layers", "print_map", "publish_site", "render_map", "route_themes_of"]


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use."""
    if name not in _HOMES:
        raise AttributeError(f"module 'geo.publish' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
