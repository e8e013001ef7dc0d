"""Edit mode: sign-in, the edit panel, the audit trail, and the layers as edited.

Only signed-in editors change anything, and the store (:mod:`geo.edits`)
checks every save on the server.

* :mod:`._mode`: the edit section of the page, progress drawn on the map;
* :mod:`._session`: the store of this process and the signed-in editor;
* :mod:`._panel`, :mod:`._forms`, :mod:`._geometry_map`: the panel, its checks,
  its small map; :mod:`._history`: the audit trail and revert;
* :mod:`._layers`: the store's state folded into the loaded layers;
* :mod:`._watch`, :mod:`._watcher`: open sessions rerun when another server saved an edit
  (one watcher thread per server process asks the store and reruns only the pages showing an
  older revision; a per-page fragment poll where Streamlit's runtime API is missing).

Other panels that write to the store (the document scanner's, :mod:`geo.view.scan`) use
:func:`view_store`, :func:`session_user`, :func:`conflict_message`, :func:`status_select` and
:func:`trail_table`.
"""

from geo.view.edit._history import trail_table
from geo.view.edit._layers import store_signature, with_edits
from geo.view.edit._mode import changed_halo, changed_legend_html, draw_editing, edit_signature
from geo.view.edit._panel import conflict_message, status_select
from geo.view.edit._session import session_user, view_store
from geo.view.edit._watch import watch_store

__all__ = ["changed_halo", "changed_legend_html", "conflict_message", "draw_editing", "edit_signature",
           "session_user", "status_select", "store_signature", "trail_table", "view_store", "watch_store", "with_edits"]
