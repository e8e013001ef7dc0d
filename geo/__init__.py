"""geo — records, offline geocoder, layers, exports and viewer of the 渝黔 plan map.

Pipeline, one module per stage, data flowing one way::

    records -> gazetteer -> geocode -> geometry -> layers -> store/export -> view

Nothing is computed at import time; import the stage you need, e.g.
``from geo.geocode import geocode_place``.
"""

__version__ = "0.1.0"
