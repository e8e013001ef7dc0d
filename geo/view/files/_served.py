"""Files this process writes for the Streamlit server to serve (map data, joined scripts).

Each kind of file gets one temporary folder per process, removed at exit.  A
file is named after a hash of its content and written to a unique temporary
name first, then moved into place: several sessions' script threads may
publish the same file at the same moment, and every one of them must find it
complete (``os.replace`` of identical content is harmless).

Every published name is also remembered (:func:`published_path`): such a name
changes whenever its content does, so :mod:`geo.view.server._serving` may serve it
compressed with a cache lifetime of a year.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
import threading
from pathlib import Path

_folders: dict[str, Path] = {}
_published: dict[str, Path] = {}
_lock = threading.Lock()


def served_folder(prefix: str) -> Path:
    """This process's folder for files of one kind (created on first use).

    Parameters
    ----------
    prefix : str
        Start of the folder's name, e.g. ``"yuqian-map-data-"``.

    Returns
    -------
    pathlib.Path
        An existing folder, the same one for every call with ``prefix``.
    """
    with _lock:
        folder = _folders.get(prefix)
        if folder is None or not folder.is_dir():
            folder = Path(tempfile.mkdtemp(prefix=prefix))
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
            _folders[prefix] = folder
        return folder


def publish_text(folder: Path, stem: str, suffix: str, text: str, digits: int = 20) -> str:
    """Write ``text`` once under a content-hash name in ``folder``; return that name.

    Parameters
    ----------
    folder : pathlib.Path
        From :func:`served_folder`.
    stem, suffix : str
        The name is ``<stem><hash><suffix>``.
    text : str
        Content, written as UTF-8.
    digits : int
        Hex digits of the SHA-256 kept in the name.

    Returns
    -------
    str
        The file's name inside ``folder``.
    """
    data = text.encode("utf-8")
    name = f"{stem}{hashlib.sha256(data).hexdigest()[:digits]}{suffix}"
    _write_once(folder, name, data)
    return name


def _write_once(folder: Path, name: str, data: bytes) -> Path:
    """Write ``data`` as ``folder/name`` unless there (through a unique temporary name), and remember it."""
    path = folder / name
    if not path.exists():
        handle, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    with _lock:
        _published[name] = path
    return path


def published_path(name: str) -> Path | None:
    """Where the file published as ``name`` (by :func:`publish_text`, this process) is; ``None`` if not ours.

    Parameters
    ----------
    name : str
        A file name as returned by :func:`publish_text` (no folder part).

    Returns
    -------
    pathlib.Path or None
        The existing file, or ``None`` for a name this process never published
        (or whose file is gone).
    """
    with _lock:
        path = _published.get(name)
    return path if path is not None and path.is_file() else None


def publish_named(folder: Path, name: str, data: bytes) -> Path:
    """Publish ``data`` under ``name``, a name :func:`publish_text` gave the same content before.

    Used to serve again files kept on disk from an earlier process
    (:func:`geo.view.server._preview.restore_preview`): the name must still say what the
    content is, so the content's hash is checked against it.

    Parameters
    ----------
    folder : pathlib.Path
        From :func:`served_folder`.
    name : str
        The file's name, holding at least the first 16 hex digits of its SHA-256.
    data : bytes
        Its content.

    Returns
    -------
    pathlib.Path
        Where it was written.

    Raises
    ------
    ValueError
        If ``name`` does not carry the hash of ``data`` (the kept file changed).
    """
    digest = hashlib.sha256(data).hexdigest()
    stem = name.rsplit(".", 1)[0]
    if not any(len(part) >= 16 and digest.startswith(part) for part in stem.split("-")):
        raise ValueError(f"{name!r} does not carry the hash of its content ({digest[:16]}…); "
                         "delete the kept copy so that it is made again")
    return _write_once(folder, name, data)
