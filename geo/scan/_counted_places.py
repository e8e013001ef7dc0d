"""Private: bare place names of a list closed by a count of places (``A、B、C、D4个乡镇``).

Planning prose names townships and villages without their suffix when a count after the list says
what they are (``大关、吕亭、孔城等3镇``, ``A、B两个村``): the count lends the suffix to every item.
"""

from __future__ import annotations

import re

from geo.scan import _text
from geo.scan._lexicon import FRAGMENTS, STOP_WORDS
from geo.scan._names import Entry
from geo.scan._text import Mention, TextIndex

#: ``双龙、官店、桃林、二里4个乡镇``, ``大关、吕亭、孔城等3镇``, ``A、B两个村``: a count of places after a list.
PLACE_COUNT = re.compile(r"(等)?([两二三四五六七八九十\d]+)个?(乡镇|街道|社区|镇|乡|村)")
_NUMBERS = {c: i for i, c in enumerate("零一二三四五六七八九十", 0)} | {"两": 2}
_PLAIN = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_FULL_FORMS = {"乡镇": ("镇", "乡", "街道"), "镇": ("镇",), "乡": ("乡",), "街道": ("街道",), "村": ("村", "村村"),
               "社区": ("社区",)}


def _count(digits: str) -> int:
    if digits.isdigit():
        return int(digits)
    if len(digits) == 1:
        return _NUMBERS.get(digits, 0)
    return 0


def counted_places(doc: TextIndex, names: dict[str, list[Entry]]) -> list[Mention]:
    """Bare place names of a list closed by a count of places (``A、B、C、D4个乡镇``).

    An item is taken when the official names know it with the counted suffix (``官店`` ->
    ``官店镇``), or when the list holds exactly as many plain 2-4 character names as it counts
    (the count vouches for every item, as for ``大关、吕亭、孔城等3镇`` outside the region list).
    """
    text = doc.text
    out: list[Mention] = []
    for found in PLACE_COUNT.finditer(text):
        zone_end = found.start()
        zone_start = _text.list_zone_start(text, zone_end, 80)
        parts = text[zone_start:zone_end].split("、")
        if len(parts) < 2:
            continue
        items: list[tuple[int, str]] = []
        pos = zone_start
        for index, part in enumerate(parts):
            begin = doc.stop_before(pos, pos + len(part)) if index == 0 else pos
            items.append((begin, text[begin:pos + len(part)]))
            pos += len(part) + 1
        if not all(_PLAIN.match(item) and item not in FRAGMENTS and item not in STOP_WORDS for _, item in items):
            continue
        unit = found.group(3)
        vouched = _count(found.group(2)) == len(items)
        kind, sub = ("place", "village") if unit in ("村", "社区") else ("township", "")
        for begin, item in items:
            full = next((item + f for f in _FULL_FORMS[unit] if item + f in names), "")
            if full or vouched:
                entry = next((e for e in names.get(full, ()) if e.kind == kind), None)
                written = full[:-1] if full.endswith("村村") else full
                out.append(Mention(begin, begin + len(item), item, kind, entry.sub if entry else sub, "list",
                                   tuple(names.get(full, ())), full=written or item))
    return out
