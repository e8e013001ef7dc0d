"""The poll that keeps open sessions up to date with the edit store (:mod:`geo.view.edit._watch`)."""

from __future__ import annotations

import pytest

from geo.view.edit import _watch


def test_only_the_store_entries_of_a_signature_are_watched() -> None:
    signature = (("layers/a.geojson", 1.0), ("@edits:postgresql://h/db", 7.0), ("@status=latest", 1.0))
    assert _watch.shown_store(signature) == (("@edits:postgresql://h/db", 7.0),)
    assert _watch.shown_store((("layers/a.geojson", 1.0),)) == ()


def test_no_store_no_poll(monkeypatch: pytest.MonkeyPatch) -> None:
    polled: list[object] = []
    monkeypatch.setattr(_watch, "_poll", polled.append)
    _watch.watch_store((("layers/a.geojson", 1.0),))
    assert polled == []
    _watch.watch_store((("@edits:sqlite:///x", 2.0),))
    assert polled == [(("@edits:sqlite:///x", 2.0),)]


def test_the_store_is_asked_once_per_max_age_whatever_the_sessions(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []
    revision = [3.0]

    def fake_signature() -> tuple[tuple[str, float], ...]:
        asked.append(1)
        return (("@edits:x", revision[0]),)

    clock = [1000.0]
    monkeypatch.setattr(_watch, "store_signature", fake_signature)
    monkeypatch.setattr(_watch.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(_watch, "_LAST", {})
    for _ in range(50):  # fifty sessions polling within the same second
        assert _watch.recent_store_signature(max_age_s=1.0) == (("@edits:x", 3.0),)
    assert len(asked) == 1
    revision[0] = 4.0  # another server saved an edit
    clock[0] += 1.5
    assert _watch.recent_store_signature(max_age_s=1.0) == (("@edits:x", 4.0),)
    assert len(asked) == 2


def test_a_page_newer_than_the_kept_revision_is_not_rerun(monkeypatch: pytest.MonkeyPatch) -> None:
    revision = [3.0]
    monkeypatch.setattr(_watch, "store_signature", lambda: (("@edits:x", revision[0]),))
    monkeypatch.setattr(_watch, "_LAST", {})
    clock = [1000.0]
    monkeypatch.setattr(_watch.time, "monotonic", lambda: clock[0])
    assert not _watch.page_is_stale((("@edits:x", 3.0),))  # the process now keeps revision 3
    revision[0] = 4.0  # this editor saved; the page drawn right after shows 4 while 3 is kept
    assert not _watch.page_is_stale((("@edits:x", 4.0),))
    revision[0] = 5.0  # someone else saved: the page showing 4 is rerun once the kept look is old
    clock[0] += 1.5
    assert _watch.page_is_stale((("@edits:x", 4.0),))
