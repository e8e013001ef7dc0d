"""Small answers sent at once: ``TCP_NODELAY`` on the server's listening sockets.

Streamlit's server (uvicorn, started by ``streamlit run``) binds its listening
socket itself, as ``socket.socket(family)``; an accepted connection then has
protocol number 0, and asyncio sets ``TCP_NODELAY`` only on sockets whose
protocol is ``IPPROTO_TCP``.  With Nagle's algorithm on, uvicorn's two writes of
a small answer (the headers at ``http.response.start``, the body next) meet the
browser's delayed acknowledgement: the body of every answer smaller than a
segment waited 40 ms (measured on loopback: headers after 1-5 ms, body after
41-60 ms, for 60 of the 62 scripts Streamlit's page needs before it starts, and
for every later chunk, component file and ``_stcore`` request).  A browser asks
for at most six of them at a time, so Streamlit's start on a cold load waited
about 100 x 40 ms / 6.

On Linux a listening socket's ``TCP_NODELAY`` is inherited by the connections it
accepts, so :func:`nodelay_listeners` sets it on the listening TCP sockets of this
process, once, before the server accepts (from :func:`~geo.view.server._serving.lifespan`).
Where the process's descriptors cannot be listed (no ``/proc``), nothing is done.
"""

from __future__ import annotations

import contextlib
import os
import socket
from pathlib import Path
from typing import Final

#: Where Linux lists this process's open descriptors.
FD_FOLDER: Final[Path] = Path("/proc/self/fd")
_TCP_FAMILIES: Final[frozenset[int]] = frozenset({socket.AF_INET, socket.AF_INET6})


def _listening_tcp(sock: socket.socket) -> bool:
    """Whether ``sock`` is a TCP socket that listens (not a connection, not a Unix socket)."""
    return (sock.family in _TCP_FAMILIES and sock.type == socket.SOCK_STREAM
            and bool(sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN)))


def nodelay_listeners(folder: Path = FD_FOLDER) -> int:
    """Set ``TCP_NODELAY`` on every listening TCP socket of this process; how many were set.

    Each descriptor that is a socket is duplicated, looked at and closed again
    (the option belongs to the socket, which both descriptors share).

    Parameters
    ----------
    folder : Path
        The process's descriptors (``/proc/self/fd``); missing: nothing is done.

    Returns
    -------
    int
        Listening TCP sockets now without Nagle's delay (0 where none is found).
    """
    try:
        names = [entry.name for entry in folder.iterdir()]
    except OSError:
        return 0
    done = 0
    for name in names:
        with contextlib.suppress(OSError, ValueError):
            fd = int(name)
            if not os.readlink(folder / name).startswith("socket:"):
                continue
            with socket.socket(fileno=os.dup(fd)) as sock:
                if _listening_tcp(sock):
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    done += 1
    return done
