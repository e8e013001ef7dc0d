"""Streamlit map viewer of the plan: page, map, legend, tools, table, download and upload.

Nothing is built at import time; :func:`geo.view.page.run_app` draws the page
(``app.py`` calls it).  Styles come from :mod:`geo.symbology`, basemaps from
:mod:`geo.view.map._basemaps`, filters from :mod:`geo.filters`.
"""
