"""Where Nix source text comes from and positions in it: `Source` and `Span`.

A leaf module (it imports nothing of nixeval): the AST, the errors and the values
all carry spans, and the AST cache keys on this file, not on the error messages.

Invariants: offsets are byte offsets into the UTF-8 encoding of the text (as the
parser reports them); lines are counted as Nix's lexer counts them (LF, CR and CRLF
each end a line); columns are counted in bytes.
"""

from __future__ import annotations

import re

_NEWLINE = re.compile(rb"\r\n?|\n")


class Source:
    """A piece of Nix source text: a file (`path` set) or an `-E` string.

    Offsets in spans are byte offsets into the UTF-8 encoding (`data`), as the
    parser reports them; columns are counted in bytes, as Nix counts them.
    """

    __slots__ = ("name", "path", "text", "data", "_line_starts")

    def __init__(self, text: str, path: str | None = None, name: str | None = None):
        self.text = text
        self.data = text.encode("utf-8", "surrogateescape")
        self.path = path
        self.name = name if name is not None else (path if path is not None else "«string»")
        self._line_starts: list[int] | None = None

    def _starts(self) -> list[int]:
        """Offsets where lines start, counted as Nix's lexer counts them: LF, CR
        and CRLF each end a line."""
        starts = self._line_starts
        if starts is None:
            starts = [0]
            data = self.data
            if b"\r" not in data:
                i = data.find(b"\n")
                while i >= 0:
                    starts.append(i + 1)
                    i = data.find(b"\n", i + 1)
            else:
                for m in _NEWLINE.finditer(data):
                    starts.append(m.end())
            self._line_starts = starts
        return starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a byte offset."""
        starts = self._starts()
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, offset - starts[lo] + 1

    def line_text(self, line: int) -> str:
        """Line `line` of the excerpt printed under an error: Nix 2.8 reads the file
        again split at LF only (a CR does not end an excerpt line, whatever the lexer
        counted), and prints it without its CR bytes."""
        if line < 1:
            return ""
        start = 0
        for _ in range(line - 1):
            nl = self.data.find(b"\n", start)
            if nl < 0:
                return ""
            start = nl + 1
        end = self.data.find(b"\n", start)
        raw = self.data[start : end if end >= 0 else len(self.data)].replace(b"\r", b"")
        return raw.decode("utf-8", "surrogateescape")

    @property
    def line_count(self) -> int:
        return len(self._starts())

    def __getstate__(self) -> tuple[str, str | None, str]:
        return (self.text, self.path, self.name)

    def __setstate__(self, state: tuple[str, str | None, str]) -> None:
        self.__init__(state[0], state[1], state[2])  # type: ignore[misc]


class Span:
    """A position in a source: byte offsets, line/column computed on demand.
    (A plain slotted class: millions are made while lowering large files.)"""

    __slots__ = ("source", "start", "end")

    def __init__(self, source: Source, start: int, end: int):
        self.source = source
        self.start = start
        self.end = end

    def __eq__(self, other: object) -> bool:
        return (type(other) is Span and other.source is self.source
                and other.start == self.start and other.end == self.end)

    def __reduce__(self) -> tuple[type[Span], tuple[Source, int, int]]:
        # Pickled as a call (the AST cache holds ~125,000 spans for nixpkgs' hello):
        # 40% smaller and faster to load than the default slot-state dictionaries.
        return (Span, (self.source, self.start, self.end))

    def __hash__(self) -> int:
        return hash((id(self.source), self.start, self.end))

    def __repr__(self) -> str:
        return f"Span({self.source.name!r}, {self.start}, {self.end})"

    @property
    def line_col(self) -> tuple[int, int]:
        return self.source.line_col(self.start)

    def short(self) -> str:
        """`file:line:col` as Nix writes it inside messages ((string) for -E input)."""
        line, col = self.line_col
        name = self.source.path if self.source.path is not None else "(string)"
        return f"{name}:{line}:{col}"
