"""Files published for the Streamlit server: content-hash names, safe when sessions race."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from geo.view._served import publish_text, served_folder


def test_name_follows_the_content(tmp_path: Path) -> None:
    first = publish_text(tmp_path, "data-", ".json", '{"a": 1}')
    again = publish_text(tmp_path, "data-", ".json", '{"a": 1}')
    other = publish_text(tmp_path, "data-", ".json", '{"a": 2}')
    assert first == again != other
    assert first.startswith("data-") and first.endswith(".json") and len(first) == len("data-.json") + 20
    assert (tmp_path / first).read_text(encoding="utf-8") == '{"a": 1}'


def test_sessions_publishing_the_same_file_at_once_all_find_it_whole(tmp_path: Path) -> None:
    text = "赶水镇 " * 200_000  # big enough for the writes to overlap
    with ThreadPoolExecutor(max_workers=8) as pool:
        names = list(pool.map(lambda _: publish_text(tmp_path, "b-", ".js", text), range(16)))
    assert len(set(names)) == 1
    assert (tmp_path / names[0]).read_text(encoding="utf-8") == text
    assert sorted(p.name for p in tmp_path.iterdir()) == [names[0]]  # no temporary file left behind


def test_one_folder_per_kind_per_process() -> None:
    folder = served_folder("yuqian-test-")
    assert folder.is_dir() and served_folder("yuqian-test-") == folder
    assert served_folder("yuqian-test-other-") != folder
