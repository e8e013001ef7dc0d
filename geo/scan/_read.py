"""Private: a document's text, from .txt (UTF-8, GBK/GB18030 detected), .docx, .pdf (text layer) and .html.

Each reader returns plain text with one paragraph per line, so that the heading parser
(:mod:`geo.scan._sections`) sees headings on lines of their own and character offsets into
the returned text are what the scanner cites.  A file that cannot be read raises
:class:`geo._errors.ScanError` naming the file, what is wrong and how to fix it.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

from geo._errors import ScanError
from geo.scan._lexicon import SUFFIXES as FEATURE_SUFFIXES

#: Largest document read, in bytes (a 十五五 plan in PDF is a few MB; 1 MB of text is ~350k characters).
MAX_BYTES: int = 20 * 1024 * 1024
#: Fewest non-space characters a PDF must yield per page before it counts as having a text layer.
_MIN_CHARS_PER_PAGE = 20

SUFFIXES: tuple[str, ...] = (".txt", ".docx", ".pdf", ".html", ".htm")
#: Control characters some PDF text layers leave between characters (NUL of UTF-16 CID fonts).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")


@dataclass(frozen=True, slots=True)
class Document:
    """One document read for the scanner.

    Attributes
    ----------
    path : Path
        The file.
    name : str
        The file's name (what the features' ``document`` cites).
    text : str
        The extracted text, one paragraph per line; offsets of the features index into it.
    encoding : str
        How the text was decoded (``utf-8``, ``gb18030``, ``docx``, ``pdf``, ``html/utf-8`` ...).
    """

    path: Path
    name: str
    text: str
    encoding: str


def _fail(path: Path, what: str, fix: str) -> ScanError:
    return ScanError(f"{path}: {what}; {fix}")


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """Text of bytes: UTF-8 (with or without BOM) first, then what charset-normalizer detects (GBK/GB18030...)."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "gbk", "gb2312", "big5", "utf_16", "utf_8"]).best()
    if best is None:
        raise _fail(path, "the text is neither UTF-8 nor a Chinese encoding that could be detected",
                    "save it as UTF-8")
    encoding = "gb18030" if best.encoding in ("gbk", "gb2312") else best.encoding
    return data.decode(encoding, errors="replace"), encoding


def _read_docx(path: Path, data: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise _fail(path, f"not a readable .docx file ({exc})", "open it in Word/WPS and save it again as .docx") \
            from exc
    except Exception as exc:  # zipfile.BadZipFile, lxml errors: a broken file, whatever the library raises
        raise _fail(path, f"broken .docx file ({type(exc).__name__}: {exc})",
                    "open it in Word/WPS and save it again as .docx") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _read_pdf(path: Path, data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise _fail(path, "the PDF is encrypted (password-protected)",
                        "give the scanner an unprotected copy (print to PDF, or remove the password)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ScanError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise _fail(path, f"broken PDF file ({type(exc).__name__}: {exc})",
                    "check that the download completed, or save it again as PDF") from exc
    chars = sum(len(re.sub(r"\s", "", p)) for p in pages)
    if not pages or chars < _MIN_CHARS_PER_PAGE * len(pages) / 4:
        raise _fail(path, f"the PDF has no text layer ({chars} characters in {len(pages)} page(s): a scan?)",
                    "run OCR on it first (e.g. ocrmypdf --language chi_sim) or give the scanner the text")
    return "\n".join(pages)


class _HTMLText(HTMLParser):
    """Visible text of an HTML page, one block element per line (scripts and styles dropped)."""

    _BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
                         "article", "table", "ul", "ol", "title", "td", "th", "dd", "dt", "blockquote"})
    _HIDDEN = frozenset({"script", "style", "noscript", "template", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _read_html(path: Path, data: bytes) -> tuple[str, str]:
    head = data[:4096].decode("ascii", errors="ignore").lower()
    declared = re.search(r"charset=[\"']?([a-z0-9_-]+)", head)
    text: str | None = None
    encoding = ""
    if declared:
        try:
            encoding = declared.group(1)
            text = data.decode("gb18030" if encoding in ("gbk", "gb2312") else encoding)
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text, encoding = _decode(path, data)
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts), f"html/{encoding}"


def _tidy(text: str) -> str:
    """One paragraph per line: NFC, non-breaking and ideographic spaces kept as written, blank runs squeezed."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROLS.sub("", text)
    lines = _unwrap([line.rstrip() for line in text.split("\n")])
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1].strip()):
            out.append(line)
    return "\n".join(out).strip("\n")


_SENTENCE_END = tuple("。！？；：!?;:”」』）)】…")
_HEADING = re.compile(r"^\s*(第[一二三四五六七八九十百〇零]+[章节]|专栏|[一二三四五六七八九十]+、"
                      r"|[（(][一二三四五六七八九十]+[）)]|\d+[.、．]|图|表)")
#: A line ending in a feature's word of two or more characters (or a section, works or project word) is a
#: whole name, as a list item on its own line (``开阳至瓮安高速公路``): its break is kept.
_NAME_ENDS = tuple(w for w in FEATURE_SUFFIXES if len(w) >= 2) + ("段", "工程", "项目")


def _unwrap(lines: list[str]) -> list[str]:
    """Join the lines of hard-wrapped text (a PDF or a copied page: ``串联王`` / ``良同志纪念馆``).

    Only in a text where most long lines stop mid-sentence: such a line is joined with the next
    non-blank line when that one does not start a heading; paragraph texts are left alone. A line ending
    in a feature's word (``…高速公路``, ``…段``, ``…工程``) is a list item on its own line, never joined.
    """
    long = [line for line in lines if len(line.strip()) >= 12]
    if len(long) < 5 or sum(not line.endswith(_SENTENCE_END) for line in long) < 0.6 * len(long):
        return lines
    out: list[str] = []
    pending = False  # the last line of out stops mid-sentence
    for line in lines:
        if pending and not line.strip():
            continue
        if pending and not _HEADING.match(line):
            out[-1] += line.strip()
        else:
            out.append(line)
        last = out[-1]
        pending = (len(last.strip()) >= 12 and not last.endswith(_SENTENCE_END) and not _HEADING.match(last)
                   and not last.endswith(_NAME_ENDS))
    return out


@lru_cache(maxsize=1)
def _traditional_table() -> dict[int, str]:
    """Traditional -> simplified characters, one for one (OpenCC's ``TSCharacters.txt``, Apache-2.0)."""
    data = resources.files("opencc").joinpath("dictionary", "TSCharacters.txt").read_text("utf-8")
    table: dict[int, str] = {}
    for line in data.splitlines():
        trad, _, simp = line.partition("\t")
        first = simp.split(" ")[0] if simp else ""
        if len(trad) == 1 and len(first) == 1 and trad != first:
            table[ord(trad)] = first
    return table


def simplified(text: str) -> str:
    """``text`` with traditional characters written simplified, character for character (offsets kept).

    The finder reads this shadow (``渝懷鐵路`` is found as ``渝怀铁路``); names and quotes are taken
    from the document as written.
    """
    return text.translate(_traditional_table())


def read_document(path: Path | str, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read one document's text.

    Parameters
    ----------
    path : Path or str
        A .txt, .docx, .pdf, .html or .htm file.
    max_bytes : int
        Size limit; larger files are refused (a 1 MB plan takes a few seconds).

    Returns
    -------
    Document

    Raises
    ------
    ScanError
        If the file is missing, of another format, over the size limit, empty, encrypted,
        broken, or a PDF with no text layer; the message names the file and the fix.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise _fail(path, f"unknown document format {suffix or '(no extension)'!r}",
                    f"give a {', '.join(SUFFIXES)} file")
    if not path.is_file():
        raise _fail(path, "file not found", "check the path")
    size = path.stat().st_size
    if size > max_bytes:
        raise _fail(path, f"the file is {size:,} bytes, over the scanner's limit of {max_bytes:,} bytes",
                    "split it into parts (e.g. one per chapter) and scan those")
    if size == 0:
        raise _fail(path, "the file is empty (0 bytes)", "check that it was saved or downloaded completely")
    data = path.read_bytes()
    if suffix == ".docx":
        text, encoding = _read_docx(path, data), "docx"
    elif suffix == ".pdf":
        text, encoding = _read_pdf(path, data), "pdf"
    elif suffix in (".html", ".htm"):
        text, encoding = _read_html(path, data)
    else:
        text, encoding = _decode(path, data)
    text = _tidy(text)
    if not text.strip():
        raise _fail(path, "the document has no text", "check that it is the right file")
    return Document(path=path, name=path.name, text=text, encoding=encoding)
