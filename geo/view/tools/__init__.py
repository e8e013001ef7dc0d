"""The township and route tools: what they highlight on the map and their panels.

* :mod:`._panel`: the tools' panels and highlights, the view they set;
* :mod:`._routes`: stop tables with legs and cumulative km, a township's
  partners, links and the features within a radius.
"""

from geo.view.tools._panel import (
    LAST_ROUTE_KEY,
    LAST_TOWN_KEY,
    VIEW_KEY,
    bounds_of,
    route_halo,
    route_panel,
    set_view,
    township_halo,
    township_panel,
)

__all__ = ["LAST_ROUTE_KEY", "LAST_TOWN_KEY", "VIEW_KEY", "bounds_of", "route_halo", "route_panel", "set_view",
           "township_halo", "township_panel"]
