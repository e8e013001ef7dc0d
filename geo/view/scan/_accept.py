"""Accepting a status change a scanned document reports: into the edit store, with the document as source.

Only a signed-in editor (:func:`geo.view.edit.session_user`, checked again at
the save) may accept, through the store's normal save path
(:meth:`geo.edits.EditStore.set_status`) with the version of the feature the
editor saw when the change was first shown (the store refuses with
:class:`geo.edits.EditConflict` when someone saved it in between).  The source
is ``<document file name> <section>``; the note quotes the sentence, so the
audit trail says where the status came from.  The scanner's status is a lead
(``docs/scanner.md``): the form offers it for saving, and the editor may correct
it against the quote first; the note of a corrected status keeps both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo._edit_values import is_status_date
from geo._html import escape_markdown
from geo.view.edit import conflict_message, session_user, status_select, trail_table, view_store
from geo.view.i18n import Language, text
from geo.view.scan._html import status_text, where_text

#: Key prefix of the accept form's widgets and values.
PREFIX: Final[str] = "yq_scan_accept_"
#: Longest quote kept in the note (characters).
NOTE_QUOTE_CHARS: Final[int] = 300


def accept_source(record: Mapping[str, Any]) -> str:
    """``<document file name> <section>``, the source of the accepted status."""
    return where_text(record)


def accept_note(record: Mapping[str, Any], status: str | None = None) -> str:
    """The note of the accepted status: the scan, the words read and the sentence quoted (stored as text).

    When the editor saves another ``status`` than the scanner read (a misread lead corrected against the
    quote), the note says both, so the audit trail keeps what the scanner read and who decided otherwise.
    """
    quote = " ".join(str(record.get("quote") or "").split())
    if len(quote) > NOTE_QUOTE_CHARS:
        quote = quote[: NOTE_QUOTE_CHARS - 1] + "…"
    words = str(record.get("status_words") or "")
    said = f"（{words}）" if words else ""
    note = f"文件扫描 / document scan{said}：「{quote}」"
    read = str(record.get("status") or "")
    if status and status != read:
        note += f" · 扫描读作 / read by the scanner as {read or '-'}，编辑更正为 / corrected by the editor to {status}"
    return note


def status_changes(features: gpd.GeoDataFrame, layers: Mapping[str, gpd.GeoDataFrame]) -> pd.DataFrame:
    """The status changes that can be accepted: a record of the map, a status, and a layer holding the record.

    Returns
    -------
    pandas.DataFrame
        The features' rows (no geometry) with a ``layer`` column; one row per record and status
        (the first mention wins: its section is the source).
    """
    rows = features.drop(columns=features.geometry.name)
    rows = rows[(rows["change"] == "status_changed") & rows["record_id"].astype(bool) & rows["status"].astype(bool)]
    where = {str(fid): name for name, frame in layers.items() if "id" in frame.columns for fid in frame["id"]}
    rows = rows.assign(layer=[where.get(str(fid), "") for fid in rows["record_id"]])
    return rows[rows["layer"] != ""].drop_duplicates(["record_id", "status"])


def accept_status(store: Any, record: Mapping[str, Any], layer: str, status_date: str, *,
                  user: str, base_version: int, status: str | None = None) -> Any:
    """Save the document's status of ``record`` as progress of the map's feature (the store's normal path).

    Parameters
    ----------
    store : geo.edits.EditStore
        The store (it checks the editor's role, the feature, the status, the date and the version).
    record : mapping
        A row of :func:`status_changes`.
    layer : str
        The record's layer.
    status_date : str
        When the status holds (YYYY, YYYY-MM or YYYY-MM-DD), as the document gives it.
    user : str
        The signed-in editor.
    base_version : int
        The feature's version when the editor saw the change.
    status : str, optional
        The status to save, a key of :data:`geo.config.STATUSES`: the scanner's by default; another when
        the editor corrects a misread lead against its quote (the note then says both).

    Returns
    -------
    geo.edits.Edit
        The stored edit.

    Raises
    ------
    EditConflict, EditNotAllowed, EditError
        As :meth:`geo.edits.EditStore.set_status`.
    """
    chosen = status or str(record["status"])
    return store.set_status(str(record["record_id"]), layer, chosen, status_date.strip(),
                            accept_source(record), user=user, base_version=base_version,
                            note=accept_note(record, chosen))


def _base_version(store: Any, fid: str) -> int:
    """The version of ``fid`` when the editor first saw its change (kept for the optimistic check)."""
    name = f"{PREFIX}base_{fid}"
    if name not in st.session_state:
        st.session_state[name] = int(store.version_of(fid))
    return int(st.session_state[name])


def draw_accept(features: gpd.GeoDataFrame, layers: Mapping[str, gpd.GeoDataFrame], lang: Language) -> None:
    """The accept form: for a signed-in editor only; others are told to sign in.

    Parameters
    ----------
    features : geopandas.GeoDataFrame
        The scan's features.
    layers : mapping of str to geopandas.GeoDataFrame
        The page's layers (the records' layers are looked up there).
    lang : {"zh", "en"}
        Interface language.
    """
    from geo.edits import EditConflict

    st.markdown(f"**{escape_markdown(text('scan_accept', lang))}**")
    store = view_store()
    user = session_user(store)
    if store is None or user is None:
        st.caption(text("scan_accept_signin", lang))
        return
    changes = status_changes(features, layers)
    if changes.empty:
        st.caption(text("scan_accept_none", lang))
        return
    records: dict[str, dict[str, Any]] = {
        str(i): {str(k): v for k, v in r.items()}
        for i, r in zip(changes.index, changes.to_dict("records"), strict=True)}
    labels = {i: f"{r['name']} · {r['record_id']} · {status_text(r, lang)} · {where_text(r)}"
              for i, r in records.items()}
    chosen = st.selectbox(text("scan_accept_pick", lang), list(labels), key=f"{PREFIX}pick",
                          format_func=lambda i: labels.get(i, i))
    record = records.get(str(chosen), {})
    fid = str(record.get("record_id", ""))
    version = _base_version(store, fid) if fid else 0
    st.caption(escape_markdown(accept_note(record)))
    # the scanner's status is a lead: the editor saves it, or corrects it against the quote shown above
    status = status_select(text("scan_accept_status", lang), f"{PREFIX}status_{chosen}",
                           str(record.get("status") or ""), lang)
    when = st.text_input(text("scan_accept_date", lang), key=f"{PREFIX}date", placeholder="2026-06")
    trail_key = f"{PREFIX}saved"
    if st.button(text("scan_accept_button", lang), key=f"{PREFIX}button", type="primary") and fid:
        if not is_status_date(when.strip()):
            st.error(text("edit_bad_date", lang))
        elif (editor := session_user(store)) is None:  # expired, removed or demoted since the page was drawn
            st.error(text("edit_expired", lang))
        else:
            try:
                accept_status(store, record, str(record["layer"]), when, user=editor.name, base_version=version,
                              status=status)
            except EditConflict as conflict:
                st.error(conflict_message(conflict, lang))
                st.session_state.pop(f"{PREFIX}base_{fid}", None)  # the next try starts from the latest version
            except (ValueError, PermissionError) as error:
                st.error(f"{text('edit_invalid', lang)}: {escape_markdown(error)}")
            else:
                st.session_state[f"{PREFIX}base_{fid}"] = int(store.version_of(fid))
                st.session_state[trail_key] = fid
                st.rerun()  # the layers are read again with the edit (the store's revision changed)
    saved = st.session_state.get(trail_key)
    if saved:
        st.success(text("scan_accept_saved", lang))
        st.dataframe(trail_table(store.edits(saved), lang), hide_index=True, width="stretch")
