"""Turn files and folders into :class:`~newskg.model.Article` records.

Single-article files (``.txt``, ``.md``, ``.markdown``, ``.html``, ``.htm``) give one
article each, named by the file name; corpora (``.jsonl``, ``.csv``) give one article per
record, named by the record's ``id``. A file or record that cannot be read yields an
:class:`~newskg.errors.InputError` in place of its article, and reading goes on.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path

from newskg.errors import InputError
from newskg.model import Article

__all__ = ["SUPPORTED_SUFFIXES", "discover", "iter_articles", "read_file"]

_KINDS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html"}
_KINDS |= {".htm": "html", ".jsonl": "jsonl", ".csv": "csv"}

SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_KINDS)
"""File extensions (lower case, with the dot) that newskg reads."""

_FIELDS = ("id", "title", "text", "date", "url", "publisher")
_SUPPORTED = ", ".join(sorted(SUPPORTED_SUFFIXES))
_BINARY_SNIFF = 8192
_HEADLINE_MAX_WORDS = 25
_HEADLINE_ENDINGS = (".", "?", "!", '"', "”", ":")

# Markdown, reduced to plain text line by line (see _markdown_to_text).
_MD_RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_MD_QUOTE = re.compile(r"^(?: {0,3}>[ \t]?)+")
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)")
_MD_HEADING_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_MD_BULLET = re.compile(r"^[ \t]*[-*][ \t]+")
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*)(?=\S)(.+?)(?<=\S)\1")  # also **strong**, __strong__
_MD_EM_UNDERSCORE = re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
_MD_TITLE = re.compile(r"^ {0,3}#[ \t]+(.+)$")
_ISO_DATE_PREFIX = re.compile(r"\d{4}-\d{2}-\d{2}[T ]")


def discover(paths: Sequence[str | Path]) -> list[Path]:
    """Expand files and folders into the article files they hold.

    Folders are searched recursively; their files come sorted by path, and files or
    folders whose name starts with ``.`` are skipped, as are files of other types. The
    paths keep the order they are given in; a file reached twice is listed once.

    Args:
        paths: files and folders, as given on the command line.

    Returns:
        The article files, in reading order.

    Raises:
        InputError: a path does not exist, or a file given by name has an unsupported
            extension.
    """
    found: list[Path] = []
    for given in map(Path, paths):
        if given.is_dir():
            found.extend(sorted(_walk(given)))
        elif given.is_file():
            if given.suffix.lower() not in SUPPORTED_SUFFIXES:
                raise _unsupported(given)
            found.append(given)
        else:
            raise InputError(given, "no such file or folder", "check the path")
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def read_file(path: Path) -> Iterator[Article | InputError]:
    """Yield the articles of one file.

    ``.txt``, ``.md``/``.markdown`` and ``.html``/``.htm`` files hold one article;
    ``.jsonl`` and ``.csv`` corpora one per record. A problem with the whole file (it is
    empty, binary or not UTF-8) yields a single error; a problem with one record yields an
    error with ``line`` set, and the other records still come.

    Args:
        path: the file to read.

    Yields:
        Each article, or an :class:`InputError` in place of one that cannot be read.
    """
    kind = _KINDS.get(path.suffix.lower())
    text = _read_text(path) if kind else _unsupported(path)
    if isinstance(text, InputError):
        yield text
    elif kind == "text":
        yield Article(id=path.name, text=text, title=_txt_headline(text), source=str(path))
    elif kind == "markdown":
        yield _markdown_article(path, text)
    elif kind == "html":
        yield _html_article(path, text)
    elif kind == "jsonl":
        yield from _jsonl_articles(path, text)
    else:
        yield from _csv_articles(path, text)


def iter_articles(paths: Sequence[str | Path]) -> Iterator[Article | InputError]:
    """Yield the articles of every file under ``paths``, in :func:`discover` order.

    A path that does not exist, or an article whose id was already used, yields an
    :class:`InputError` in its place: one bad input never stops the others.

    Args:
        paths: files and folders, as given on the command line.

    Yields:
        Each article, or an :class:`InputError` in place of one that cannot be read.
    """
    first_source: dict[str, str] = {}
    files: list[Path] = []
    for given in paths:
        try:
            files.extend(f for f in discover([given]) if f not in files)
        except InputError as err:
            yield err
    for path in files:
        for item in read_file(path):
            if isinstance(item, Article):
                if item.id in first_source:
                    record = item.source != str(path)  # a corpus record's source is file:line
                    line = int(item.source.rpartition(":")[2]) if record else None
                    item = InputError(
                        path,
                        f"article id {item.id!r} was already used by {first_source[item.id]}",
                        "rename one of them so that every article id is unique",
                        line=line,
                    )
                else:
                    first_source[item.id] = item.source
            yield item


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                yield Path(root, name)


def _unsupported(path: Path) -> InputError:
    kind = f"file type {path.suffix!r}" if path.suffix else "file without an extension"
    return InputError(path, f"unsupported {kind}", f"give a file ending in one of {_SUPPORTED}")


def _read_text(path: Path) -> str | InputError:
    """The file's text, decoded and normalized, or the reason it has none."""
    try:
        data = path.read_bytes()
    except OSError as err:
        return InputError(path, f"cannot be read ({err.strerror})", "check that it is readable")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text is full of NUL bytes too
        fix = f"re-save it as UTF-8, e.g. iconv -f utf-16 -t utf-8 {path} > fixed{path.suffix}"
        return InputError(path, "is UTF-16 encoded", fix)
    if b"\0" in data[:_BINARY_SNIFF]:
        return InputError(path, "looks like a binary file", f"give a text file ({_SUPPORTED})")
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as err:
        offset = bom + err.start
        line = data.count(b"\n", 0, offset) + 1
        return InputError(
            path,
            f"is not valid UTF-8 (byte 0x{data[offset]:02x} at offset {offset}, line {line})",
            f"re-save it as UTF-8, e.g. iconv -f latin1 -t utf-8 {path} > fixed{path.suffix}",
        )
    if not text.strip():
        return InputError(path, "is empty", "add the article text or remove the file")
    return _normalize(text)


def _normalize(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def _txt_headline(text: str) -> str | None:
    """The first line, if it reads as a headline rather than a first paragraph."""
    lines = text.split("\n", 2)
    first = lines[0].strip()
    if len(lines) < 2 or lines[1].strip() or not first:
        return None
    if len(first.split()) > _HEADLINE_MAX_WORDS or first.endswith(_HEADLINE_ENDINGS):
        return None
    return first


def _markdown_article(path: Path, text: str) -> Article | InputError:
    meta: dict[str, str] = {}
    lines = text.split("\n")
    if lines[0].rstrip() == "---":
        end = next((i for i, ln in enumerate(lines[1:], 1) if ln.rstrip() in ("---", "...")), 0)
        if end:
            for line in lines[1:end]:
                key, sep, value = line.partition(":")
                if sep and key.strip().lower() in ("title", "date", "url", "publisher"):
                    meta[key.strip().lower()] = value.strip().strip("\"'").strip()
            lines = lines[end + 1 :]
    while lines and not lines[0].strip():
        lines.pop(0)
    heading = _MD_TITLE.match(lines[0]) if lines else None
    body = _markdown_to_text("\n".join(lines))
    if not body.strip():
        return InputError(path, "has no article text", "add the text below the front matter")
    title = meta.get("title") or (body.split("\n", 1)[0] if heading else None)
    return Article(
        id=path.name,
        text=body,
        title=_clean(title),
        date=_iso_date(meta.get("date")),
        url=_clean(meta.get("url")),
        publisher=_clean(meta.get("publisher")),
        source=str(path),
    )


def _markdown_to_text(markdown: str) -> str:
    """Drop heading, quote, bullet and emphasis marks and link targets; keep the words."""
    out = []
    for line in markdown.split("\n"):
        if _MD_RULE.match(line):
            out.append("")
            continue
        line = _MD_QUOTE.sub("", line)
        if _MD_HEADING.match(line):
            line = _MD_HEADING_CLOSE.sub("", _MD_HEADING.sub("", line))
        out.append(_MD_BULLET.sub("", line))
    plain = _MD_LINK.sub(r"\1", "\n".join(out))
    plain = _MD_EMPHASIS.sub(r"\2", plain)
    return _MD_EM_UNDERSCORE.sub(r"\1", plain)


def _html_article(path: Path, html: str) -> Article | InputError:
    import trafilatura  # lazily: importing newskg must stay cheap

    text = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=False,
        favor_recall=True,
        with_metadata=False,
    )
    if not text or not text.strip():
        return InputError(
            path,
            "no article text was found in the HTML",
            "check that it is an article page, or save the article text as .txt",
        )
    meta = trafilatura.extract_metadata(html)
    return Article(
        id=path.name,
        text=_normalize(text),
        title=_clean(meta.title),
        date=_iso_date(meta.date),
        url=_clean(meta.url),
        publisher=_clean(meta.sitename),
        source=str(path),
    )


def _jsonl_articles(path: Path, text: str) -> Iterator[Article | InputError]:
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            yield _record_article(path, number, json.loads(line))
        except json.JSONDecodeError as err:
            problem = f"is not valid JSON ({err.msg} at column {err.colno})"
            yield InputError(path, problem, "make each line one JSON object", number)


def _csv_articles(path: Path, text: str) -> Iterator[Article | InputError]:
    reader = csv.reader(io.StringIO(text))
    header: list[str] = []
    while True:
        line = reader.line_num + 1  # where the record starts; quoted fields may hold newlines
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:  # e.g. a field over the csv module's size limit
            yield InputError(path, f"is not valid CSV ({err})", "fix or split that row", line)
            continue
        if not any(field.strip() for field in row):
            continue
        if not header:
            header = [name.strip().lower() for name in row]
            if missing := [name for name in ("id", "text") if name not in header]:
                problem = f"the header row has no {' or '.join(map(repr, missing))} column"
                yield InputError(path, problem, f"name the columns: {', '.join(_FIELDS)}", line)
                return
        elif len(row) != len(header):
            problem = f"the row has {len(row)} fields but the header has {len(header)}"
            yield InputError(path, problem, "quote fields that hold commas", line)
        else:
            yield _record_article(path, line, dict(zip(header, row, strict=True)))


def _record_article(path: Path, line: int, record: object) -> Article | InputError:
    """The article of one corpus record; CSV gives '' where JSONL gives null or nothing."""
    if not isinstance(record, Mapping):
        problem = f"holds a JSON {type(record).__name__}, not an object"
        return InputError(path, problem, 'make it an object like {"id": "a1", "text": "..."}', line)
    fields: dict[str, str | None] = {}
    for name in _FIELDS:
        value = record.get(name)
        if isinstance(value, int) and not isinstance(value, bool) and name == "id":
            value = str(value)
        if value is not None and not isinstance(value, str):
            return InputError(
                path, f"the record's {name!r} is not a string", "make it a string", line=line
            )
        fields[name] = value
    id_, text = (fields["id"] or "").strip(), fields["text"]
    if not id_:
        return InputError(path, "the record has no 'id'", "give every record a unique id", line)
    if text is None:
        return InputError(path, "the record has no 'text'", "give it the article text", line)
    if not text.strip():
        return InputError(path, "the record's 'text' is empty", "give it the article text", line)
    return Article(
        id=id_,
        text=_normalize(text),
        title=_clean(fields["title"]),
        date=_iso_date(fields["date"]),
        url=_clean(fields["url"]),
        publisher=_clean(fields["publisher"]),
        source=f"{path}:{line}",
    )


def _clean(value: str | None) -> str | None:
    """Stripped, NFC-normalized, single-line metadata, or None when blank."""
    if value is None or not value.strip():
        return None
    return unicodedata.normalize("NFC", " ".join(value.split()))


def _iso_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` for an ISO 8601 date or timestamp; None for anything else."""
    value = (value or "").strip()
    # The date part alone covers timestamps fromisoformat rejects (nanoseconds, odd zones).
    for candidate in (value, value[:10] if _ISO_DATE_PREFIX.match(value) else ""):
        with contextlib.suppress(ValueError):
            return datetime.fromisoformat(candidate).date().isoformat()
    return None
