"""Small answers sent at once: ``TCP_NODELAY`` on the server's listening sockets (geo.view.server._sockets)."""

from __future__ import annotations

import asyncio
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from geo.view.server._sockets import FD_FOLDER, nodelay_listeners

needs_proc = pytest.mark.skipif(not FD_FOLDER.is_dir() or sys.platform != "linux",
                                reason="the process's descriptors are listed in /proc (Linux)")


@contextmanager
def _listener() -> Iterator[socket.socket]:
    """A listening socket made as Streamlit's server makes it: ``socket.socket(family)``, protocol 0."""
    sock = socket.socket(socket.AF_INET)
    try:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock
    finally:
        sock.close()


def _nodelay(sock: socket.socket) -> bool:
    return bool(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))


def _accepted(listener: socket.socket) -> tuple[socket.socket, socket.socket]:
    client = socket.create_connection(listener.getsockname())
    accepted, _ = listener.accept()
    return client, accepted


@needs_proc
def test_a_listening_socket_hands_nodelay_to_the_connections_it_accepts() -> None:
    with _listener() as listener:
        client, before = _accepted(listener)
        try:
            assert before.proto == 0 and not _nodelay(before)  # why asyncio left Nagle on
            assert not _nodelay(client)
            assert nodelay_listeners() >= 1
            assert _nodelay(listener)
            assert not _nodelay(client) and not _nodelay(before)  # connections are left as they are
            client2, after = _accepted(listener)
            try:
                assert _nodelay(after)
            finally:
                client2.close()
                after.close()
        finally:
            client.close()
            before.close()


def test_nothing_is_done_where_the_descriptors_cannot_be_listed(tmp_path: Path) -> None:
    assert nodelay_listeners(tmp_path / "no-such-folder") == 0
    assert nodelay_listeners(tmp_path) == 0  # an empty list


@needs_proc
def test_the_server_start_sets_it_before_any_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    from geo.view.server import _serving as serving

    monkeypatch.setattr(serving, "warm_first_view", lambda folder: None)
    monkeypatch.setattr(serving, "warm_rest", lambda folder: None)
    monkeypatch.setattr("geo.view.server._preview.restore_preview", lambda folder: None)

    async def start() -> None:
        async with serving.lifespan(None):
            return None

    with _listener() as listener:  # bound by Streamlit before the lifespan runs
        asyncio.run(start())
        client, accepted = _accepted(listener)
        try:
            assert _nodelay(accepted)
        finally:
            client.close()
            accepted.close()
