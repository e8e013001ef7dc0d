"""The documentation's promises: links that resolve, a short README, every page listed.

Network-free: only relative links are checked (to a file of the repository and, for a
``#anchor`` into a Markdown file, to one of its headings by GitHub's slug rules); links
to other hosts are left alone.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
#: Longest README a newcomer is asked to read (issue 25: aim for ~120 lines).
README_MAX_LINES = 250
#: The two commands the README opens with.
FIRST_COMMANDS = (
    "bash scripts/setup.sh && .venv/bin/streamlit run app.py",
    ".venv/bin/python -m pytest",
)

_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
#: ``[text](target)`` and ``![alt](target)``; the target up to a space (a title may follow) or ``)``.
_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")  # http:, https:, mailto:...


def markdown_files() -> list[Path]:
    """The Markdown files whose links are checked."""
    return [ROOT / "README.md", ROOT / "ARCHITECTURE.md", ROOT / "seeds" / "README.md",
            *sorted(DOCS.glob("*.md"))]


def prose_lines(text: str) -> list[str]:
    """The lines of ``text`` outside fenced code blocks, inline code removed."""
    lines, fenced = [], False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced and not line.startswith("    "):
            lines.append(_INLINE_CODE.sub("", line))
    return lines


def links(text: str) -> list[str]:
    """Every link target in the prose of a Markdown text."""
    return [match.group(1) for line in prose_lines(text) for match in _LINK.finditer(line)]


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading's text (before any ``-1`` suffix of a repeat).

    Markup is dropped (links keep their text, backticks and emphasis stars go), the
    text is lower-cased, every character that is not a letter, digit, ``_``, ``-`` or
    space is removed and each space becomes ``-``.
    """
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    text = text.replace("`", "").replace("*", "").lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """The anchors of a Markdown file's headings, repeats numbered as GitHub does."""
    seen: dict[str, int] = {}
    found: set[str] = set()
    fenced = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else _HEADING.match(line)
        if match:
            slug = github_slug(match.group(2))
            count = seen.get(slug, 0)
            seen[slug] = count + 1
            found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def shown(path: Path) -> str:
    """A path as a message shows it: relative to the repository when inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def broken_links(path: Path) -> list[str]:
    """The relative links of a Markdown file that point to no file or no heading."""
    problems = []
    for target in links(path.read_text(encoding="utf-8")):
        if _EXTERNAL.match(target):
            continue
        file_part, _, anchor = target.partition("#")
        linked = (path.parent / unquote(file_part)).resolve() if file_part else path
        if not linked.exists():
            problems.append(f"{shown(path)}: {target!r}: no file {shown(linked)}")
        elif anchor and linked.suffix == ".md" and unquote(anchor) not in anchors(linked):
            problems.append(f"{shown(path)}: {target!r}: no heading with anchor #{anchor} in {shown(linked)}")
    return problems


def test_the_markdown_files_checked_are_there() -> None:
    files = markdown_files()
    assert all(path.exists() for path in files), [str(p) for p in files if not p.exists()]
    assert len(files) > 3  # docs/ holds pages


@pytest.mark.parametrize("path", markdown_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves(path: Path) -> None:
    assert broken_links(path) == []


def test_the_readme_is_short_and_opens_with_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) < README_MAX_LINES
    first_block = re.search(r"^```[^\n]*\n(.*?)^```", text, flags=re.S | re.M)
    assert first_block is not None, "README.md has no code block"
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines() if line.strip()]
    assert commands == list(FIRST_COMMANDS)
    # and that block comes before any section
    assert text.index(first_block.group(0)) < text.index("\n## ")


def test_every_docs_page_is_listed_in_the_index() -> None:
    index = DOCS / "index.md"
    listed = {(DOCS / target.partition("#")[0]).resolve() for target in links(index.read_text(encoding="utf-8"))
              if not _EXTERNAL.match(target)}
    missing = [page.name for page in sorted(DOCS.glob("*.md")) if page != index and page.resolve() not in listed]
    assert missing == []


def test_the_readme_links_the_index() -> None:
    assert "docs/index.md" in links((ROOT / "README.md").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("heading", "slug"), [
    ("Precision classes: how far a coordinate can be trusted", "precision-classes-how-far-a-coordinate-can-be-trusted"),
    ("The layers (`layers/*.geojson`)", "the-layers-layersgeojson"),
    ("Fast first view: the map's preview", "fast-first-view-the-maps-preview"),
    ("渝黔合作先行示范区地图 · Qijiang–Zunyi cooperation map", "渝黔合作先行示范区地图--qijiangzunyi-cooperation-map"),
    ("A [linked](x.md) **bold** word", "a-linked-bold-word"),
])
def test_github_slug(heading: str, slug: str) -> None:
    assert github_slug(heading) == slug


def test_a_broken_link_and_a_missing_heading_are_reported(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("# Index\n", encoding="utf-8")
    (tmp_path / "data.md").write_text("# Data\n\n## Sources and licences\n", encoding="utf-8")
    page = tmp_path / "probe.md"
    page.write_text("# Probe\n\n[ok](index.md) [gone](nowhere.md) [bad](data.md#no-such-heading) "
                    "[good](data.md#sources-and-licences) [self](#probe) [web](https://example.org/x) "
                    "`[code](nowhere.md)`\n\n```\n[fenced](nowhere-either.md)\n```\n", encoding="utf-8")
    problems = broken_links(page)
    assert len(problems) == 2, problems
    assert "'nowhere.md'" in problems[0]
    assert "#no-such-heading" in problems[1]
