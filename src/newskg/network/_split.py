"""Read a large N-Quads file in two processes, each parsing and joining half its graphs.

Parsing a graph file and filing its quads (:class:`~newskg.network._stream.Rows`) is most
of a first network command on a large file, and one process does it on one core. The
queries join only inside one named graph, and N-Quads holds one quad per line with its
graph at the end, so the lines can be dealt out by graph without parsing them. Two
processes (this one and a forked one) map the file and read it from start to end; each
deals every line to a part by a hash of its graph IRI (:func:`part_of`), parses and
joins the lines of its own part, and gives back finished rows, each with the file line
its subject first appears on. Merged in line order they are the rows, in the order,
that one process gives. Reading the file from start to end, a chunk at a time, lets the
parsing go on while a file not in the page cache comes off the disk.

The dealing reads the graph IRI at the end of each line (``<graph> .``) with numpy; a
line of another shape is dealt by a slower look at its text. Each part checks every quad
it keeps against the parsed graph name; anything unexpected (a graph IRI written with
an escape, a graph that is not an IRI, a file all in the default graph, a syntax error,
a failed process) gives None, and the caller reads the file in one process, which also
reports any syntax error at its line.
"""

from __future__ import annotations

import io
import mmap
import multiprocessing
import os
import signal
import sys
from array import array
from collections.abc import Sequence
from itertools import chain
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._stream import TABLES, Found, Rows

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from ..graphio import GraphFormat

__all__ = ["MIN_SIZE", "part_of", "read_split", "worth_splitting"]

MIN_SIZE = 32 << 20
"""N-Quads files from this size (bytes) are read in two processes by default."""
_CHUNK = 32 << 20  # bytes dealt at a time
_DISTINCT = ("articles", "actors")  # tables whose rows are distinct
_LT, _GT, _NL, _CR, _SPACE, _DOT, _UNDERSCORE = b"<>\n\r ._"


def worth_splitting(path: Path, fmt: GraphFormat, processes: int | None) -> bool:
    """Whether to read ``path`` in two processes (``processes``: see ``read_rows``)."""
    if fmt.name != "nquads" or processes == 1 or not _can_fork():
        return False
    if processes is None:
        return _cores() >= 2 and path.stat().st_size >= MIN_SIZE
    return True


def _can_fork() -> bool:
    # macOS lists fork but its system libraries are not safe in a forked child.
    if sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods():
        return False
    try:
        import numpy  # noqa: F401
    except ImportError:
        return False
    return True


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def part_of(iri: bytes) -> int:
    """The part (0 or 1) holding a named graph: the parity of the bits of its IRI's last
    eight bytes (0 for a shorter IRI). What :func:`_deal` computes on a whole buffer."""
    if len(iri) < 8:
        return 0
    return int.from_bytes(iri[-8:], "little").bit_count() & 1


def read_split(path: Path, chunk: int = _CHUNK) -> Found | None:
    """The rows of an N-Quads file read in two processes, or None to read it in one.

    This process reads part 0 while a forked one reads part 1.
    """
    import numpy  # noqa: F401 (imported before the fork, not in the child)
    import pyoxigraph  # noqa: F401

    context = multiprocessing.get_context("fork")
    try:
        receiver, sender = context.Pipe(duplex=False)
        worker = context.Process(target=_work, args=(path, chunk, sender), daemon=True)
        worker.start()
    except OSError:  # no pipe or process to be had: read in one
        return None
    sender.close()
    done = False
    try:
        mine = _read_part(path, 0, chunk)
        theirs = receiver.recv()
        done = True
    except Exception:  # any failure of this part: the one-process read says what it is
        return None
    finally:
        receiver.close()
        if not done:
            worker.terminate()
        worker.join()
    return None if theirs is None else _merge([mine, theirs])


def _work(path: Path, chunk: int, sender: Connection) -> None:
    """The forked process: read part 1, send its rows (None on any failure)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        found: Found | None = _read_part(path, 1, chunk)
    except Exception:
        found = None
    sender.send(found)
    sender.close()


def _read_part(path: Path, part: int, chunk: int) -> Found:
    """Parse and join the lines of one part."""
    import pyoxigraph

    with path.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as text:
        lines = _Lines(text, part, chunk)
        with io.BufferedReader(lines, 1 << 20) as stream:
            quads = pyoxigraph.parse(
                input=stream, format=pyoxigraph.RdfFormat.N_QUADS, lenient=True
            )
            rows = Rows(quads, lines.numbers, _Owner(part))
    if rows.count != len(lines.numbers):
        raise ValueError("a dealt line did not hold exactly one quad")
    return rows.found()


class _Owner:
    """Whether a part holds a graph (remembered: a part meets each graph many times)."""

    def __init__(self, part: int) -> None:
        self.part = part
        self.known: dict[str, bool] = {}

    def __call__(self, graph: str) -> bool:
        owned = self.known.get(graph)
        if owned is None:
            owned = self.known[graph] = part_of(graph.encode("utf-8")) == self.part
        return owned


class _Lines(io.RawIOBase):
    """The lines of a mapped N-Quads file that one part holds, as a stream of bytes.

    The file is dealt ``chunk`` bytes (whole lines) at a time, as the parser asks for
    more. ``numbers`` grows with the file line number of each line handed out; lines
    without a quad (blank, comments) are never kept, so the n-th quad parsed is on line
    ``numbers[n]``.
    """

    def __init__(self, text: mmap.mmap, part: int, chunk: int) -> None:
        import numpy as np

        super().__init__()
        self.numbers = array("q")
        self._text, self._part, self._chunk = text, part, chunk
        self._view = memoryview(text)
        self._bytes = np.frombuffer(text, np.uint8)
        self._start = 0  # where the lines not dealt yet start
        self._line = 0  # and the number of the first of them
        self._bounds: list[int] = []  # start and end of each run of kept lines dealt, flat
        self._next = 0  # index in _bounds of the run being read
        self._at = 0  # where in it

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        bounds, size, filled = self._bounds, len(target), 0
        while filled < size:
            if self._next == len(bounds):
                if not self._deal_next():
                    break
                bounds = self._bounds
                continue
            end = bounds[self._next + 1]
            count = min(end - self._at, size - filled)
            target[filled : filled + count] = self._view[self._at : self._at + count]
            filled += count
            self._at += count
            if self._at == end:
                self._next += 2
                if self._next < len(bounds):
                    self._at = bounds[self._next]
        return filled

    def close(self) -> None:
        if not self.closed:  # the map cannot close while viewed
            self._view.release()
            del self._bytes
        super().close()

    def _read_ahead(self, start: int) -> None:
        """Ask for the next chunk from the disk now, if the page cache lacks it: it comes
        in while this one is parsed."""
        if hasattr(mmap, "MADV_WILLNEED") and start < len(self._text):
            start -= start % mmap.PAGESIZE
            length = min(self._chunk, len(self._text) - start)
            self._text.madvise(mmap.MADV_WILLNEED, start, length)

    def _deal_next(self) -> bool:
        """Deal the next chunk of lines; False at the end of the file."""
        import numpy as np

        start, size = self._start, len(self._text)
        if start >= size:
            return False
        cut = self._text.find(b"\n", min(start + self._chunk, size) - 1) + 1 or size
        self._read_ahead(cut)
        block = self._bytes[start:cut]
        ends = np.flatnonzero(block == _NL)
        if cut == size and (not len(ends) or ends[-1] != len(block) - 1):
            ends = np.append(ends, len(block))  # the last line, unended
        kept = _deal(block, ends) == self._part
        self.numbers.frombytes((np.flatnonzero(kept) + self._line).astype(np.int64).tobytes())
        starts = np.concatenate(([0], ends + 1))
        starts[-1] = min(starts[-1], len(block))
        edges = np.flatnonzero(np.diff(kept.view(np.int8), prepend=0, append=0))
        self._bounds = (starts[edges] + start).tolist()
        self._next = 0
        self._at = self._bounds[0] if self._bounds else 0
        self._line += len(ends)
        self._start = cut
        return True


def _deal(text: npt.NDArray[np.uint8], ends: npt.NDArray[np.intp]) -> npt.NDArray[np.int8]:
    """The part of each line of ``text`` (``ends``: its newlines): 0 or 1 (see
    :func:`part_of`), or -1 for a line without a quad.

    A line ending ``<graph> .`` is dealt here at once; any other is looked at alone.
    """
    import numpy as np

    starts = np.concatenate(([0], ends[:-1] + 1))
    stop = ends - (text[ends - 1] == _CR)  # where each line's text ends
    long = np.flatnonzero(stop - starts >= 16)
    close = stop[long] - 3  # where the graph IRI's '>' is, on a line ending '<graph> .'
    shaped = np.isin(text[starts[long]], (_LT, _UNDERSCORE))
    shaped &= (text[close] == _GT) & (text[close + 1] == _SPACE) & (text[close + 2] == _DOT)
    regular = np.zeros(len(ends), bool)
    regular[long[shaped]] = True
    parts = np.full(len(ends), -1, np.int8)
    if shaped.any():
        windows = np.lib.stride_tricks.sliding_window_view(text, 8)
        last8 = windows[close[shaped] - 8]  # the IRI's last eight bytes, if it has eight
        short = (last8 == _LT).any(axis=1)
        bits = np.ascontiguousarray(last8).view("<u8").ravel()  # folded in place below
        for shift in (32, 16, 8, 4, 2, 1):
            bits ^= bits >> shift
        parts[regular] = np.where(short, 0, bits & 1)
    for i in np.flatnonzero(~regular).tolist():
        parts[i] = _odd_line(bytes(text[starts[i] : ends[i]]))
    return parts


def _odd_line(line: bytes) -> int:
    """The part of a line not ending ``<graph> .``, or -1 if it holds no quad.

    Its graph, if it has one, is read from the end of the line. The default graph's
    quads (no graph) go anywhere: the parts drop them. A part's check of the parsed
    graph catches a line read wrongly here.
    """
    text = line.strip()
    if not text or text.startswith(b"#"):
        return -1
    if text.endswith(b"."):
        text = text[:-1].rstrip()
    if not text.endswith(b">"):
        return 0
    return part_of(text[text.rfind(b"<") + 1 : -1])


def _merge(parts: Sequence[Found]) -> Found | None:
    """The parts' rows as one read gives them: in file line order."""
    if any(part.unnamed for part in parts) and not any(part.named for part in parts):
        return None  # all in the default graph, which no part holds whole
    tables = {}
    for name in TABLES:
        lines = list(chain.from_iterable(part.lines[name] for part in parts if part.lines))
        rows = list(chain.from_iterable(part.tables[name] for part in parts))
        # Each part's rows are in line order already: the sort merges two runs.
        merged = [rows[i] for i in sorted(range(len(rows)), key=lines.__getitem__)]
        tables[name] = list(dict.fromkeys(merged)) if name in _DISTINCT else merged
    return Found(tables)
