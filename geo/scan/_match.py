"""Private: set the found features against the map's records (``new``, ``same``, ``status_changed``).

A mention matches a record when its name, a form of it without brackets or trailing works
(``赶水北站（陈家坝站）``, ``川黔铁路改造``), or its normalised key equals the record's name or
a variant (or their keys).  The key folds what documents write differently about the same
thing: full-width forms, brackets and quotes, ``高速公路`` = ``高速``, ``高速铁路`` = ``高铁``,
``渝黔高速复线`` = ``渝黔复线高速`` (so = ``渝筑高速``, whose variant it is), a leading county
name (``桐梓娄山关`` = ``娄山关``) and, for townships only, the 镇/乡/街道 suffix.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from geo.gazetteer import normalize_name
from geo.scan._names import RECORD_KINDS

_PUNCT = re.compile(r"[\s·•・'\"“”‘’（）()\[\]【】《》,，、。:：;；_/]+")
_BRACKET = re.compile(r"[（(][^）)]*[）)]")
_FOLD = (("高速公路", "高速"), ("高速铁路", "高铁"), ("复线高速", "高速复线"), ("—", "-"), ("–", "-"), ("－", "-"),
         ("至", "-"))
_PREFIXES = ("重庆市", "贵州省", "遵义市", "綦江区", "桐梓县", "习水县", "重庆", "贵州", "遵义", "綦江", "万盛",
             "桐梓", "习水", "江津", "南川", "巴南", "正安", "赤水", "仁怀")
_TRAILING = ("建设项目", "建设工程", "扩容工程", "项目", "工程", "建设", "改造", "升级改造", "改造升级", "提升", "扩容")
#: A corridor's name followed by one of its sections (``渝赤叙高速重庆段`` is a part of ``渝赤叙高速``).
_SECTION_OF = re.compile(r"^(.+?(?:高速公路|高速|高铁|铁路|公路|快速路|国道|省道|航道))"
                         r"(?:[\u4e00-\u9fff]{1,6}至[\u4e00-\u9fff]{1,6}|[\u4e00-\u9fff]{2,5})段")


def match_key(name: str, kind: str) -> str:
    """Normalised key of a feature name for matching (see the module's docstring)."""
    text = unicodedata.normalize("NFKC", name)
    for old, new in _FOLD:
        text = text.replace(unicodedata.normalize("NFKC", old), new)
    text = _PUNCT.sub("", text).lower()
    if kind == "township":
        return normalize_name(text)
    for prefix in _PREFIXES:
        if text.startswith(prefix) and len(text) - len(prefix) >= 3:
            text = text[len(prefix):]
            break
    return text


def _forms(name: str) -> list[str]:
    """The name, then without its bracket, the bracket alone, and without trailing works."""
    forms = [name]
    bare = _BRACKET.sub("", name).strip()
    if bare and bare != name:
        forms.append(bare)
    for inner in re.findall(r"[（(]([^）)]+)[）)]", name):
        if len(inner) >= 3:
            forms.append(inner)
    for form in list(forms):
        section = _SECTION_OF.match(form)
        if section is not None and len(section.group(1)) >= 3:
            forms.append(section.group(1))
    for form in list(forms):
        for word in _TRAILING:
            if form.endswith(word) and len(form) - len(word) >= 3:
                forms.append(form[: -len(word)])
    return forms


@dataclass(frozen=True, slots=True)
class RecordRef:
    """A record of the map, as the matcher needs it."""

    id: str
    file: str
    kind: str
    name: str
    status: str
    row: dict[str, Any]


class RecordIndex:
    """The map's records indexed by name, variant and key."""

    def __init__(self, records: dict[str, list[dict[str, Any]]]) -> None:
        self.records: dict[str, RecordRef] = {}
        self.by_name: dict[str, list[str]] = defaultdict(list)
        self.by_key: dict[str, list[str]] = defaultdict(list)
        self._memo: dict[tuple[str, str, bool], list[RecordRef]] = {}
        for file_kind, rows in records.items():
            kind = RECORD_KINDS[file_kind]
            for row in rows:
                ref = RecordRef(str(row["id"]), file_kind, kind, str(row["name"]), str(row.get("status", "")),
                                {k: v for k, v in row.items() if not k.startswith("_")})
                self.records[ref.id] = ref
                for name in (row["name"], *row.get("variants", [])):
                    self.by_name[name].append(ref.id)
                    self.by_key[match_key(name, kind)].append(ref.id)

    def match(self, name: str, kind: str, route: str = "") -> list[RecordRef]:
        """Records the name matches, best first (a route's stop prefers stop records, others the rest)."""
        key = (name, kind, bool(route))
        if key not in self._memo:
            self._memo[key] = self._match(name, kind, route)
        return self._memo[key]

    def _match(self, name: str, kind: str, route: str) -> list[RecordRef]:
        for form in _forms(name):
            for index, key in ((self.by_name, form), (self.by_key, match_key(form, kind)),
                               (self.by_key, match_key(form, "township" if kind == "township" else "other"))):
                ids = list(dict.fromkeys(index.get(key, [])))
                if ids:
                    refs = [self.records[i] for i in ids]
                    return self._prefer(refs, kind, route)
        return []

    @staticmethod
    def _prefer(refs: list[RecordRef], kind: str, route: str) -> list[RecordRef]:
        if route:
            stops = [r for r in refs if r.kind == "tourism_stop"]
            if stops:
                return stops
        others = [r for r in refs if r.kind != "tourism_stop"] or refs
        same_kind = [r for r in others if r.kind == kind]
        return same_kind or others


def change_of(record: RecordRef | None, status: str | None) -> tuple[str, str]:
    """``(change, old_status)``: ``new``; ``same``; or ``status_changed`` with the record's status."""
    if record is None:
        return "new", ""
    if status and record.status and status != record.status:
        return "status_changed", record.status
    return "same", record.status
