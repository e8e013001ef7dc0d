"""Start the viewer in a subprocess on loopback, for the browser tests (tests/conftest.py) and the benchmark.

Both need the real app served by ``streamlit run`` (the same command the README gives),
bound to 127.0.0.1 on a free port, ready when its health check answers, and stopped
afterwards whatever happened.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from geo.config import PROJECT_ROOT


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_app(
    script: str = "app.py",
    layers_folder: Path | None = None,
    *,
    extra_args: Sequence[str] = (),
    timeout_s: float = 60.0,
    root: Path = PROJECT_ROOT,
    env: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """Run ``streamlit run <script>`` on loopback; yield its URL.

    Parameters
    ----------
    script : str
        Script path relative to the project root.
    layers_folder : Path, optional
        Layers shown (``$YUQIAN_LAYERS``); default: the configured ones.
    extra_args : sequence of str
        More ``streamlit run`` options.
    timeout_s : float
        How long to wait for the health check before giving up.
    root : Path
        The checkout to run (its ``.venv`` Python when it has one); default this project.
        :mod:`bench.ab` runs two checkouts side by side.
    env : mapping of str to str, optional
        More environment settings for the server.

    Raises
    ------
    RuntimeError
        If the server exits or does not answer in time; the message holds its output.
    """
    port = free_port()
    settings = {**os.environ, "PYTHONPATH": str(root), **(env or {})}
    if layers_folder is not None:
        settings["YUQIAN_LAYERS"] = str(layers_folder)
    venv_python = root / ".venv" / "bin" / "python"
    python = str(venv_python) if root != PROJECT_ROOT and venv_python.exists() else sys.executable
    command = [python, "-m", "streamlit", "run", script, "--server.headless", "true",
               "--server.address", "127.0.0.1", "--server.port", str(port),
               "--browser.gatherUsageStats", "false", *extra_args]
    process = subprocess.Popen(command, cwd=root, env=settings,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    output = process.stdout.read().decode(errors="replace") if process.stdout else ""
                    raise RuntimeError(f"streamlit did not start: {command}\n{output}") from None
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()
