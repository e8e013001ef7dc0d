"""Scan a document in the viewer: what it names as one more layer, a table with the quotes, downloads.

Finding and matching is :mod:`geo.scan`'s; this package is its panel.

* :mod:`._panel`: the sidebar's uploader, the scan as a layer of the page, the results below the map;
* :mod:`._html`: its style by change, escaped tooltip and popup, legend and table;
* :mod:`._accept`: a signed-in editor accepts a status change into the edit store.
"""

from geo.view.scan._accept import accept_note, accept_source, accept_status, status_changes
from geo.view.scan._panel import PageScan, draw_scan, draw_scan_results, page_scan, scan_upload

__all__ = ["PageScan", "accept_note", "accept_source", "accept_status", "draw_scan", "draw_scan_results",
           "page_scan", "scan_upload", "status_changes"]
