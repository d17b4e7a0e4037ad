"""The one error hierarchy of nixeval, and the renderer that prints errors as Nix does.

Invariants:
- Every failure a Nix program can cause is a `NixError`; a Python exception of any
  other class escaping the evaluator is a bug in nixeval, and the CLI says so.
- `CatchableError` (throw, assert) is exactly what `builtins.tryEval` catches.
- An error carries a message, an optional `Span` (where it happened) and a list of
  trace frames ("while evaluating ..."), innermost first; the CLI prints the frames
  only with `--show-trace`, as Nix does.
"""

from __future__ import annotations

from collections.abc import Iterable

from nixeval.source import Span


class NixError(Exception):
    """Base of every error a Nix program can cause."""

    kind = "error"

    def __init__(self, message: str, span: Span | None = None):
        super().__init__(message)
        self.message = message
        self.span = span
        self.trace: list[tuple[str, Span | None]] = []

    # Errors Nix 2.8 reports without a position (`throw`, `abort`): the machine does
    # not give them the position of the builtin's call.
    positionless = False

    # "Did you mean ...?" (see `did_you_mean`), printed after the source excerpt.
    suggestion = ""

    def suggest(self, suggestion: str) -> NixError:
        self.suggestion = suggestion
        return self

    # The index in `trace` of a frame waiting for the position of the builtin call
    # that raised the error (see add_call_frame).
    call_frame: int | None = None

    def at(self, span: Span | None) -> NixError:
        """Set the position if none is set yet; returns self for `raise e.at(...)`.
        A frame added by `add_call_frame` gets this position too."""
        if span is not None and self.call_frame is not None:
            message, _ = self.trace[self.call_frame]
            self.trace[self.call_frame] = (message, span)
            self.call_frame = None
        if self.span is None and span is not None and not self.positionless:
            self.span = span
        return self

    MAX_TRACE = 200

    def add_trace(self, message: str, span: Span | None, call: bool = False) -> None:
        """Add a "while evaluating" frame (outer frames come later). Past MAX_TRACE
        frames only a count is kept, so an error 100,000 calls deep stays cheap.

        Nix 2.8 records function-call frames (`call=True`) only under --show-trace;
        any other frame makes it print a hint to use --show-trace."""
        if not call:
            self.hint_trace = True
        if len(self.trace) < self.MAX_TRACE:
            self.trace.append((message, span))
        else:
            self.trace_dropped = getattr(self, "trace_dropped", 0) + 1

    def add_call_frame(self, message: str) -> None:
        """Add a frame placed at the call of the builtin that is failing: a builtin
        does not know where it was called, so the frame gets the position the
        machine gives the error when the builtin returns (`at`). Nix adds such
        frames in its builtins (`while realising the context of path ...`)."""
        n = len(self.trace)
        self.add_trace(message, None)
        if self.call_frame is None and n < self.MAX_TRACE:
            self.call_frame = n

    def __str__(self) -> str:
        """The message, followed by `(at FILE:LINE:COL)` when the error has a position
        (`message` alone is the bare message; `render` gives Nix's whole report)."""
        span = self.span
        if span is None:
            return self.message
        line, col = span.line_col
        return f"{self.message} (at {span.source.name}:{line}:{col})"


class ParseError(NixError):
    """The program is not valid Nix (syntax, undefined variable, duplicate attribute...)."""


class EvalError(NixError):
    """A failure while evaluating."""


class NixTypeError(EvalError):
    """A value of the wrong type (`cannot add a string to an integer`, `value is a ...`)."""


TypeError_ = NixTypeError  # the name used inside nixeval


class MissingAttribute(EvalError):
    pass


class InfiniteRecursion(EvalError):
    pass


class StackOverflow(EvalError):
    """More nested function calls than the `max-call-depth` setting allows."""


class OutOfMemory(EvalError):
    """The evaluation grew past its memory budget (`--max-memory`)."""


class Abort(EvalError):
    """`abort`: not catchable by tryEval."""

    positionless = True


class CatchableError(EvalError):
    """What `builtins.tryEval` catches: `throw` and failed assertions."""


class Thrown(CatchableError):
    positionless = True


class AssertionFailed(CatchableError):
    pass


class NixImportError(EvalError):
    """A file that cannot be read or imported."""


ImportError_ = NixImportError  # the name used inside nixeval


class RestrictedPath(EvalError):
    pass


class InvalidPath(EvalError):
    """A store path that is not valid (not in the store), found while realising a
    string's context. Nix 2.8 prints it without a position."""

    positionless = True

    def __init__(self, path: str):
        super().__init__(f"path '{path}' is not valid")
        self.path = path


class PythonBuiltinError(EvalError):
    """A Python exception raised by a builtin written in Python (`Evaluator.add_builtin`),
    at the position of the builtin's call; the Python exception is its `__cause__`."""


class InternalError(Exception):
    """A bug in nixeval, not in the user's program."""


def _excerpt(span: Span) -> list[str]:
    source = span.source
    line, col = span.line_col
    out = [f"       at {source.name}:{line}:{col}:", ""]
    # Lines that exist (split at LF): a final empty segment after the last newline
    # does not count. Of a file, Nix 2.8 prints only lines that end with a LF.
    data = source.data
    count = data.count(b"\n") + 1
    if count > 1 and data.endswith(b"\n"):
        count -= 1
    if source.path is not None:
        count = data.count(b"\n")
        if line > count:
            return out
    for n in range(line - 1, line + 2):
        if n < 1 or n > count:
            continue
        text = source.line_text(n)
        out.append(f"{n:>13}| {text}" if text else f"{n:>13}|")
        if n == line:
            out.append(f"{'':>13}| {' ' * (col - 1)}^")
    return out


def render(err: NixError, show_trace: bool = False) -> str:
    """Format an error as Nix 2.8 prints it on stderr (without a trailing newline)."""
    if err.message == "" and not show_trace:
        return ""  # Nix 2.8 prints an empty line for `throw ""`
    # Nix trims the message's trailing white space (`throw "a\n"` prints no blank
    # line), except before the frames of --show-trace.
    message = err.message if show_trace and err.trace else err.message.rstrip(" \n\r\t")
    first, *rest = message.split("\n")
    lines = [f"error: {first}"]
    # Nix indents the message's further lines under the first (`indent` in
    # libutil/error.cc), then strips trailing whitespace from every line and from
    # the whole text.
    lines.extend(f"       {line}" for line in rest)
    if err.span is not None:
        lines.append("")
        lines.extend(_excerpt(err.span))
    if err.suggestion:
        lines.append(f"       {err.suggestion}")
    if not show_trace and getattr(err, "hint_trace", False):
        lines.append("(use '--show-trace' to show detailed location information)")
    if show_trace:
        for message, span in err.trace:
            lines.append("")
            tfirst, *trest = message.split("\n")
            lines.append(f"       … {tfirst}")
            lines.extend(f"       {line}" for line in trest)
            if span is not None:
                lines.append("")
                lines.extend(_excerpt(span))
        dropped = getattr(err, "trace_dropped", 0)
        if dropped:
            lines.append("")
            lines.append(f"       … ({dropped} more frames not shown)")
    return "\n".join(line.rstrip(" \n\r\t") for line in lines).rstrip(" \n\r\t")


def _levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def did_you_mean(query: str, candidates: Iterable[str]) -> str:
    """Nix's suggestions for a misspelt name: the candidates within edit distance 2,
    closest first (then by name), at most 5 ("" when there are none)."""
    best = sorted((d, c) for c in candidates if (d := _levenshtein(query, c)) <= 2)[:5]
    if not best:
        return ""
    names = [c for _, c in best]
    if len(names) == 1:
        return f"Did you mean {names[0]}?"
    return f"Did you mean one of {', '.join(names[:-1])} or {names[-1]}?"
