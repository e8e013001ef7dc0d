"""Private: industrial projects named by their capacity (round 11).

Plans and news name a plant's project by what it will make and how much: ``甲乙公司年产800万套铝合金零部件项目``,
``正在建设中的3万吨酱香系列酒技改项目``, ``安酒3万吨技改、中赤酒业1万吨酱酒等11个续建项目``.  No suffix of the
lexicon is specific enough (``项目`` closes any phrase), but the figure and its unit
(:data:`geo.scan_words.CAPACITY_UNITS`) say the phrase is one work's name.  The name runs from the firm before the
figure (a name ending in :data:`geo.scan_words.CAPACITY_FIRMS`, or a brand of two to four characters right after a
break) to ``项目``/``工程``, to ``技改`` closing a clause, or to the product before ``等N个…项目``.
"""

from __future__ import annotations

import re

from geo.scan._lexicon import BREAKS, FRAGMENTS, STOP_WORDS
from geo.scan._text import Mention, TextIndex, generic
from geo.scan_words import CAPACITY_FIRMS, CAPACITY_UNITS

_UNITS = "|".join(sorted(CAPACITY_UNITS, key=len, reverse=True))
#: The figure and unit, the product (no function word), and the close of the name.
_CAPACITY = re.compile(
    r"(?:年产|日产|年加工|年处理)?[0-9０-９][0-9０-９.．]*(?:万|千|亿)?(?:" + _UNITS + r")"
    r"(?P<product>[^\W的了是在将为把被个等，。；、：！？“”（）()]{0,40}?)"
    r"(?:(?P<works>项目|工程)(?:及配套[^\W的，。；、]{0,6}?项目)?"
    r"|技改(?=[、，。；和等])"
    r"|(?=等(?:[0-9０-９]+|[一二三四五六七八九十两多]+)个[^\W，。；]{0,6}?项目))")
#: Last characters of a township's name, which may stand before a brand (``甲乙镇丙丁``).
_TOWNSHIP_ENDS = ("镇", "鎮", "乡", "鄉")
#: Words before the figure that end a clause of their own, so the name starts after them.
_LEADS = ("正在建设中的", "建设中的", "的", "还是", "是", "前往", "推进", "布局", "建设", "实施", "开工", "投产",
          "加快", "启动", "包括", "有", "和", "及", "与")


def capacity_projects(doc: TextIndex) -> list[Mention]:
    """Projects named by a capacity (``甲乙公司年产800万套零部件项目``, ``3万吨酱香系列酒技改项目``).

    Why: such names carry no class suffix a finder could read, yet a figure with a plant's unit before a
    product and ``项目`` is always one work; the firm before it (``…公司``, or a short brand starting the
    clause) belongs to the name, a verb or ``的`` does not.
    """
    text = doc.text
    out: list[Mention] = []
    for found in _CAPACITY.finditer(text):
        product = found.group("product")
        if not product:
            if not text.startswith("技改", found.end() - 2):
                continue
        elif generic(product) and not found.group("works"):
            continue  # ``3万吨项目`` names no product; ``安酒3万吨技改`` is a plant's upgrade
        begin = found.start()
        if text[begin - 1:begin].isdigit():
            continue
        begin = _firm_start(text, begin)
        name = text[begin:found.end()]
        if name in FRAGMENTS or name in STOP_WORDS:
            continue
        out.append(Mention(begin, found.end(), name, "project", "", "list"))
    return out


def _firm_start(text: str, at: int) -> int:
    """Start of the firm or brand before a capacity at ``at``, or ``at`` itself."""
    lo = at
    while lo > max(0, at - 14) and text[lo - 1] not in BREAKS and text[lo - 1] not in "（）()—":
        lo -= 1
    head, led = text[lo:at], False
    for lead in sorted(_LEADS, key=len, reverse=True):
        cut = head.rfind(lead)
        if cut >= 0 and (not head.endswith(CAPACITY_FIRMS) or cut + len(lead) == len(head)):
            lo, head, led = lo + cut + len(lead), head[cut + len(lead):], True
            break
    if head.endswith(CAPACITY_FIRMS) and len(head) >= 3:
        return lo
    opens = led or lo == 0 or text[lo - 1] in BREAKS
    if 2 <= len(head) <= 4 and opens and not generic(head) and head not in STOP_WORDS:
        return lo
    # a township before the brand (``甲乙镇丙丁2万吨…项目``): the place names the site, as in the gold of news
    seat = max(head.rfind(end) for end in _TOWNSHIP_ENDS)
    if opens and 2 <= seat <= 4 and 2 <= len(head) - seat - 1 <= 4 and not generic(head[seat + 1:]):
        return lo
    return at
