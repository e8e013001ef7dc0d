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


@contextmanager
def _accepted(listener: socket.socket) -> Iterator[tuple[socket.socket, socket.socket]]:
    """A connection to ``listener``: the client's end and the accepted one, both closed afterwards."""
    client = socket.create_connection(listener.getsockname())
    accepted, _ = listener.accept()
    try:
        yield client, accepted
    finally:
        client.close()
        accepted.close()


@needs_proc
def test_a_listening_socket_hands_nodelay_to_the_connections_it_accepts() -> None:
    with _listener() as listener, _accepted(listener) as (client, before):
        assert before.proto == 0 and not _nodelay(before)  # why asyncio left Nagle on
        assert not _nodelay(client)
        assert nodelay_listeners() >= 1
        assert _nodelay(listener)
        assert not _nodelay(client) and not _nodelay(before)  # connections are left as they are
        with _accepted(listener) as (_, after):
            assert _nodelay(after)


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
        with _accepted(listener) as (_, accepted):
            assert _nodelay(accepted)


def _small_scripts(count: int) -> list[str]:
    """Names of ``count`` of Streamlit's scripts smaller than one TCP segment once compressed."""
    import re

    from geo.view.server._asgi import streamlit_static_root

    folder = streamlit_static_root() / "js"
    page = (folder.parent.parent / "index.html").read_text(encoding="utf-8")
    names = re.findall(r'\./static/js/([^"]+\.js)', page)
    return [n for n in names if 1024 <= (folder / n).stat().st_size <= 8_000][:count]


@needs_proc
def test_a_small_answer_of_the_running_server_comes_whole_without_waiting_for_the_ack(
        loopback_app_url: str) -> None:
    """Headers, then body: over one kept-alive connection, the body follows at once (Nagle: 40 ms later)."""
    import statistics
    import time
    from urllib.parse import urlparse

    address = urlparse(loopback_app_url)
    names = _small_scripts(8)
    assert len(names) >= 5
    gaps: list[float] = []
    with socket.create_connection((address.hostname, address.port)) as client:
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for name in names:
            client.sendall(f"GET /static/js/{name} HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n".encode())
            received, headers_at = b"", None
            while True:
                received += client.recv(1 << 20)
                if headers_at is None and b"\r\n\r\n" in received:
                    headers_at = time.perf_counter()
                head, _, body = received.partition(b"\r\n\r\n")
                length = [int(line.split(b":")[1]) for line in head.split(b"\r\n")
                          if line.lower().startswith(b"content-length:")]
                if length and len(body) >= length[0]:
                    break
            assert headers_at is not None and head.startswith(b"HTTP/1.1 200")
            gaps.append(time.perf_counter() - headers_at)
    assert statistics.median(gaps) < 0.02, gaps  # with Nagle's algorithm on: 0.040-0.060 s each
