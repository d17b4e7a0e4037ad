"""The one error hierarchy of nixeval, the kind of every error, and the renderer that
prints errors as Nix does.

Owns: `ErrorKind` (what went wrong, with a stable code `E000`... and a one-line
description), the `NixError` classes (one per kind, chosen at the raise site: the
class says how the error is caught and placed, its `kind` what it is), `render`
(Nix's report: message, position, source excerpt, suggestion, trace) and
`did_you_mean`.

Invariants:
- Every failure a Nix program can cause is a `NixError`; a Python exception of any
  other class escaping the evaluator is a bug in nixeval, and the CLI says so.
- Every error has a kind, `err.kind`, declared by its class. A kind's code never
  changes and is never reused (tests/test_error_kinds.py pins them); a new kind
  takes the next free code. `UNCLASSIFIED` is the kind of the bases (`NixError`,
  `EvalError`, `CatchableError`) only: a raise site picks the class of its kind.
- `CatchableError` (throw, assert) is exactly what `builtins.tryEval` catches.
- A kind the lowering finds and the machine also finds at run time (an undefined
  variable under `with`, a dynamic attribute defined twice, a disabled feature, a
  fatal warning) has one class deriving from both `ParseError` and `EvalError`, so
  `except ParseError` and `except EvalError` each keep catching what they caught.
- An error carries a message, an optional `Span` (where it happened) and a list of
  trace frames ("while evaluating ..."), innermost first; the CLI prints the frames
  only with `--show-trace`, as Nix does. Every flag the machine or the renderer
  reads (`positionless`, `hint_trace`, `trace_dropped`, `call_frame`, `suggestion`)
  is declared on `NixError` with its default.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import ClassVar

from nixeval.source import Span


class ErrorKind(enum.Enum):
    """What went wrong, independent of the message's wording: a stable code (`E006`,
    the member's value) and a one-line description."""

    description: str

    def __new__(cls, code: str, description: str) -> ErrorKind:
        member = object.__new__(cls)
        member._value_ = code
        member.description = description
        return member

    @property
    def code(self) -> str:
        return str(self.value)

    @classmethod
    def from_code(cls, code: str) -> ErrorKind:
        """The kind with this code (KeyError for an unknown code)."""
        return {kind.code: kind for kind in cls}[code]

    UNCLASSIFIED = ("E000", "an error whose raise site has not chosen a kind")
    # The program's text and scopes.
    SYNTAX = ("E001", "the text is not valid Nix")
    UNDEFINED_VARIABLE = ("E002", "a variable that no scope binds")
    DUPLICATE_ATTRIBUTE = ("E003", "an attribute or formal argument defined twice")
    FEATURE_DISABLED = ("E004", "a construct or builtin of an experimental feature not enabled")
    FATAL_WARNING = ("E005", "a warning a setting makes fatal (abort-on-warn, lint = fatal)")
    # Values.
    TYPE = ("E006", "a value of the wrong type (`value is X while Y was expected`)")
    NOT_A_FUNCTION = ("E007", "a call of something that is not a function")
    MISSING_ARGUMENT = ("E008", "a function called without a required argument")
    UNEXPECTED_ARGUMENT = ("E009", "a function or builtin called with an argument it does not take")
    MISSING_ATTRIBUTE = ("E010", "a selected attribute that the set does not have")
    INDEX_OUT_OF_BOUNDS = ("E011", "a list index outside the list")
    DIVISION_BY_ZERO = ("E012", "a division by zero")
    INTEGER_OVERFLOW = ("E013", "an integer result outside the 64-bit range")
    INVALID_ARGUMENT = ("E014", "a builtin's argument of the right type but a refused value")
    STRING_CONTEXT = ("E015", "a string whose context is not allowed where it is used")
    # The evaluation itself.
    INFINITE_RECURSION = ("E016", "a value that needs itself to be computed")
    STACK_OVERFLOW = ("E017", "more nested calls than max-call-depth allows")
    OUT_OF_MEMORY = ("E018", "an evaluation that grew past its memory budget")
    ASSERTION = ("E019", "a failed assert (catchable)")
    THROW = ("E020", "builtins.throw, or a failure Nix reports as one (catchable)")
    ABORT = ("E021", "builtins.abort")
    # Files, modes and the command line.
    IMPORT = ("E022", "a file or directory that cannot be found, read or imported")
    RESTRICTED = ("E023", "an access that pure or restricted evaluation mode forbids")
    ATTR_PATH = ("E024", "a malformed selection path (-A)")
    # The store.
    STORE_PATH = ("E025", "a store path or name that is malformed or outside the store")
    INVALID_PATH = ("E026", "a store path that is not valid (not in the store)")
    STORE = ("E027", "a store that cannot be read or written (NAR, copy, no store named)")
    DERIVATION = ("E028", "an invalid derivation or derivation output")
    HASH = ("E029", "a malformed hash, or an unknown hash algorithm or format")
    # Data formats.
    JSON = ("E030", "text that fromJSON cannot read")
    TOML = ("E031", "text that fromTOML cannot read")
    REGEX = ("E032", "an invalid regular expression")
    # Fetchers and the host.
    FETCH = ("E033", "a fetcher or flake failure (Nix reports these without a position)")
    BAD_URL = ("E034", "a malformed URL or flake reference")
    UNSUPPORTED = ("E035", "something Nix does that nixeval does not (network access, builds, hg)")
    PYTHON_BUILTIN = ("E036", "a Python exception in a builtin added with add_builtin")


class NixError(Exception):
    """Base of every error a Nix program can cause."""

    kind: ClassVar[ErrorKind] = ErrorKind.UNCLASSIFIED

    def __init__(self, message: str, span: Span | None = None):
        super().__init__(message)
        self.message = message
        self.span = span
        self.trace: list[tuple[str, Span | None]] = []

    # Errors Nix 2.8 reports without a position (`throw`, `abort`): the machine does
    # not give them the position of the builtin's call. A raise site may set it on
    # one error whose class says otherwise.
    positionless = False

    # "Did you mean ...?" (see `did_you_mean`), printed after the source excerpt.
    suggestion = ""

    # Set by a frame other than a function call: Nix 2.8 then prints a hint to use
    # --show-trace.
    hint_trace = False

    # Frames past MAX_TRACE, counted rather than kept.
    trace_dropped = 0

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
            self.trace_dropped += 1

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
    """The program is not valid Nix: found before evaluating, by the parser or the
    lowering."""

    kind = ErrorKind.SYNTAX


class EvalError(NixError):
    """A failure while evaluating (the base of the run-time kinds)."""


# --- found by the lowering, and some at run time too (see the module docstring) ----

class UndefinedVariable(ParseError, EvalError):
    """`undefined variable 'x'`: by the lowering, or at run time under `with`."""

    kind = ErrorKind.UNDEFINED_VARIABLE


class DuplicateAttribute(ParseError, EvalError):
    """An attribute defined twice (statically, or a dynamic one at run time), or a
    formal argument named twice."""

    kind = ErrorKind.DUPLICATE_ATTRIBUTE


class FeatureDisabled(ParseError, EvalError):
    """`experimental Nix feature 'X' is disabled`: syntax (the pipe operators) or a
    builtin's argument (blake3 hashes, content-addressed derivations)."""

    kind = ErrorKind.FEATURE_DISABLED


class FatalWarning(ParseError, EvalError):
    """A warning that a setting makes fatal: a lint at `fatal` (found when parsing),
    or `builtins.warn` with `abort-on-warn`."""

    kind = ErrorKind.FATAL_WARNING


# --- values ----------------------------------------------------------------------

class NixTypeError(EvalError):
    """A value of the wrong type (`cannot add a string to an integer`, `value is a ...`)."""

    kind = ErrorKind.TYPE


TypeError_ = NixTypeError  # the name used inside nixeval


class NotAFunction(NixTypeError):
    """`attempt to call something which is not a function but ...`."""

    kind = ErrorKind.NOT_A_FUNCTION


class MissingArgument(NixTypeError):
    """`function 'f' called without required argument 'x'`."""

    kind = ErrorKind.MISSING_ARGUMENT


class UnexpectedArgument(NixTypeError):
    """`function 'f' called with unexpected argument 'x'`, or an attribute a builtin's
    set argument does not take."""

    kind = ErrorKind.UNEXPECTED_ARGUMENT


class MissingAttribute(EvalError):
    """`attribute 'x' missing`."""

    kind = ErrorKind.MISSING_ATTRIBUTE


class IndexOutOfBounds(EvalError):
    """`list index N is out of bounds` (and the head or tail of an empty list)."""

    kind = ErrorKind.INDEX_OUT_OF_BOUNDS


class DivisionByZero(EvalError):
    kind = ErrorKind.DIVISION_BY_ZERO


class IntegerOverflow(EvalError):
    """An integer result or conversion outside the 64-bit range."""

    kind = ErrorKind.INTEGER_OVERFLOW


class InvalidArgument(EvalError):
    """A builtin's argument of the right type whose value it refuses (a negative
    length, lists of different lengths...)."""

    kind = ErrorKind.INVALID_ARGUMENT


class StringContextError(EvalError):
    """A string that refers to store paths where that is not allowed, or a context
    that cannot be what is asked of it."""

    kind = ErrorKind.STRING_CONTEXT


# --- the evaluation itself -----------------------------------------------------------

class InfiniteRecursion(EvalError):
    kind = ErrorKind.INFINITE_RECURSION


class StackOverflow(EvalError):
    """More nested function calls than the `max-call-depth` setting allows."""

    kind = ErrorKind.STACK_OVERFLOW


class OutOfMemory(EvalError):
    """The evaluation grew past its memory budget (`--max-memory`)."""

    kind = ErrorKind.OUT_OF_MEMORY


class Abort(EvalError):
    """`abort`: not catchable by tryEval."""

    kind = ErrorKind.ABORT
    positionless = True


class CatchableError(EvalError):
    """What `builtins.tryEval` catches: `throw` and failed assertions."""


class Thrown(CatchableError):
    kind = ErrorKind.THROW
    positionless = True


class AssertionFailed(CatchableError):
    kind = ErrorKind.ASSERTION


# --- files, modes, the command line ----------------------------------------------------

class NixImportError(EvalError):
    """A file that cannot be found, read or imported."""

    kind = ErrorKind.IMPORT


ImportError_ = NixImportError  # the name used inside nixeval


class RestrictedPath(EvalError):
    """An access that pure or restricted evaluation mode forbids."""

    kind = ErrorKind.RESTRICTED


class BadAttrPath(EvalError):
    """A selection path (`-A`) that cannot be read (an unclosed quote, an empty name)."""

    kind = ErrorKind.ATTR_PATH


# --- the store --------------------------------------------------------------------------

class BadStorePath(EvalError):
    """A store path or name that is malformed or not in the store directory
    (`nixeval.store`'s StorePathError, as a builtin reports it)."""

    kind = ErrorKind.STORE_PATH


class InvalidPath(BadStorePath):
    """A store path that is not valid (not in the store), found while realising a
    string's context. Nix 2.8 prints it without a position."""

    kind = ErrorKind.INVALID_PATH
    positionless = True

    def __init__(self, path: str):
        super().__init__(f"path '{path}' is not valid")
        self.path = path


class StoreError(EvalError):
    """The store cannot be read or written (a NAR, a copy, no store named)."""

    kind = ErrorKind.STORE


class InvalidDerivation(EvalError):
    """A derivation that cannot be made or read (`nixeval.store`'s DerivationError)."""

    kind = ErrorKind.DERIVATION


class InvalidHash(EvalError):
    """A malformed hash (`nixeval.store`'s HashError, as a builtin reports it)."""

    kind = ErrorKind.HASH


class UnknownHashAlgorithm(InvalidHash):
    """Nix's UsageError for a bad algorithm name: it has no position, and
    nix-instantiate prints it followed by "Try 'nix-instantiate --help' ..."
    (`usage_error`)."""

    usage_error = True
    positionless = True


class UnknownHashFormat(UnknownHashAlgorithm):
    """Nix's UsageError for a bad hash format name (convertHash's `toHashFormat`)."""


# --- data formats ---------------------------------------------------------------------

class JSONError(EvalError):
    """fromJSON's input is not JSON Nix reads. Nix 2.8 reports it without a position."""

    kind = ErrorKind.JSON
    positionless = True


class TOMLError(EvalError):
    """fromTOML's input is not TOML Nix reads (`while parsing a TOML string: ...`)."""

    kind = ErrorKind.TOML


class RegexError(EvalError):
    """`invalid regular expression '...'` (or one too large to compile)."""

    kind = ErrorKind.REGEX


# --- fetchers and the host -----------------------------------------------------------------

class FetchError(EvalError):
    """A failure of Nix's fetchers (fetchGit, fetchTree, getFlake): reported without
    a position."""

    kind = ErrorKind.FETCH
    positionless = True


class DownloadError(EvalError):
    """fetchurl or fetchTarball failing to download, check or unpack: unlike
    `FetchError`, Nix 2.8 reports it at the call."""

    kind = ErrorKind.FETCH


class BadURL(FetchError):
    """Nix's BadURL: a malformed URL or input (a URL-like flake reference that raises it
    is then read as a path)."""

    kind = ErrorKind.BAD_URL


class FetchFeatureDisabled(FetchError, FeatureDisabled):
    """A fetcher input that needs an experimental feature that is not enabled: still a
    `FetchError` (no position, the fetchers' frames)."""

    kind = ErrorKind.FEATURE_DISABLED


class Unsupported(EvalError):
    """Something Nix does that nixeval does not: network access, builds, hg."""

    kind = ErrorKind.UNSUPPORTED


class PythonBuiltinError(EvalError):
    """A Python exception raised by a builtin written in Python (`Evaluator.add_builtin`),
    at the position of the builtin's call; the Python exception is its `__cause__`."""

    kind = ErrorKind.PYTHON_BUILTIN


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


def render_warning(message: str, span: Span | None = None) -> str:
    """Format a warning as Nix prints it on stderr: `warning: MESSAGE`, laid out as
    an error without trace (without a trailing newline)."""
    if message == "":
        return "warning:"
    first, *rest = message.rstrip(" \n\r\t").split("\n")
    lines = [f"warning: {first}"]
    lines.extend(f"       {line}" for line in rest)
    if span is not None:
        lines.append("")
        lines.extend(_excerpt(span))
    return "\n".join(line.rstrip(" \n\r\t") for line in lines).rstrip(" \n\r\t")


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
    if not show_trace and err.hint_trace:
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
        dropped = err.trace_dropped
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
