"""A user's own layer in the viewer: upload, validate, shift, filter, draw and export it.

Reading and checking the file is :mod:`geo.upload`'s; this package is its panel.

* :mod:`._panel`: the upload panel and the upload as one more layer of the page;
* :mod:`._html`: its style, escaped tooltip and popup, legend and table rows;
* :mod:`._big_layer`: big uploads drawn on a canvas with clustering;
* :mod:`._search`: its search keys, built once per upload.
"""

from geo.view.upload._panel import draw_upload, filter_upload, page_upload, read_upload_state

__all__ = ["draw_upload", "filter_upload", "page_upload", "read_upload_state"]
