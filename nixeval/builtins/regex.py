"""`builtins.match` and `builtins.split`: POSIX extended regular expressions.

Nix 2.8 compiles patterns with libstdc++'s `std::regex(re, std::regex::extended)`
(built with `-std=c++17`, so escaping an ordinary character is an error). This module
translates such a pattern into a Python `re` pattern over *bytes* (Nix strings are
byte strings: `.` matches one byte of a UTF-8 character, as in Nix), and reproduces
the libstdc++ behaviours Nix exposes:

- Syntax: only `\\` + one of `.[\\()*+?{|^$` is an escape (`\\d`, `\\}`, `\\1` are
  errors); inside brackets a backslash is literal; `]` first in a bracket is literal;
  `[:class:]`, `[.coll.]`, `[=equiv=]`; stacked quantifiers (`a**`, `a*?`) re-apply
  to the quantified atom (never lazy); a quantifier with nothing to repeat, an
  unbalanced `(`, `)`, `[` or `{`, and a reversed range or interval are errors.
- `.` matches any byte except NUL (newline included); `^` and `$` match only at the
  very start and end of the string (not around newlines).
- `match` is a whole-string match (`re.fullmatch` picks the same captures as
  libstdc++'s depth-first `regex_match`).
- `split` iterates `regex_search`: at the leftmost position that matches, libstdc++'s
  POSIX mode keeps the *longest* match found across alternatives (`a|ab` matches
  `ab`), where Python stops at the first. When a pattern has an alternation we
  extend Python's match to the longest end at the same start.
- A pattern whose automaton would exceed libstdc++'s 100000-state limit fails with
  "memory limit exceeded"; the state count is estimated with a model fitted to
  Nix 2.8 (see `_cost` comments).

Compiled patterns (and pattern errors) are cached per pattern string.
"""

from __future__ import annotations

import re
from typing import Any

from nixeval.builtins.nocontext import expect_string_no_context
from nixeval.builtins.registry import builtin, expect_string
from nixeval.errors import RegexError

_SPECIAL_ESCAPES = b".[\\()*+?{|^$"
_STATE_LIMIT = 100000
_BASE_STATES = 5

_CLASSES: dict[str, set[int]] = {}


def _init_classes() -> None:
    rng = lambda a, b: set(range(ord(a), ord(b) + 1))  # noqa: E731
    upper, lower, digit = rng("A", "Z"), rng("a", "z"), rng("0", "9")
    alpha = upper | lower
    punct = set(range(0x21, 0x7F)) - alpha - digit
    space = {0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D}
    _CLASSES.update({
        "alpha": alpha, "upper": upper, "lower": lower, "digit": digit,
        "alnum": alpha | digit, "xdigit": digit | rng("a", "f") | rng("A", "F"),
        "space": space, "blank": {0x20, 0x09}, "punct": punct,
        "print": set(range(0x20, 0x7F)), "graph": set(range(0x21, 0x7F)),
        "cntrl": set(range(0x00, 0x20)) | {0x7F},
        # libstdc++'s regex_traits also knows these short names.
        "d": digit, "w": alpha | digit | {ord("_")}, "s": space,
    })


_init_classes()

# POSIX names of the portable character set, accepted by `[.name.]` and `[=name=]`.
_COLLATE_NAMES = dict(zip(
    "NUL SOH STX ETX EOT ENQ ACK alert backspace tab newline vertical-tab form-feed "
    "carriage-return SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC IS4 IS3 IS2 "
    "IS1 space exclamation-mark quotation-mark number-sign dollar-sign percent-sign "
    "ampersand apostrophe left-parenthesis right-parenthesis asterisk plus-sign comma "
    "hyphen period slash zero one two three four five six seven eight nine colon "
    "semicolon less-than-sign equals-sign greater-than-sign question-mark "
    "commercial-at".split(), range(0, 0x41), strict=True))
_COLLATE_NAMES.update(zip(
    "left-square-bracket backslash right-square-bracket circumflex underscore "
    "grave-accent".split(), range(0x5B, 0x61), strict=True))
_COLLATE_NAMES.update(zip(
    "left-curly-bracket vertical-line right-curly-bracket tilde DEL".split(),
    range(0x7B, 0x80), strict=True))
_COLLATE_NAMES["hyphen-minus"] = 0x2D
_COLLATE_NAMES["full-stop"] = 0x2E
_COLLATE_NAMES["reverse-solidus"] = 0x5C
_COLLATE_NAMES["solidus"] = 0x2F
_COLLATE_NAMES["low-line"] = 0x5F
for _b in range(0x41, 0x5B):
    _COLLATE_NAMES[chr(_b)] = _b
for _b in range(0x61, 0x7B):
    _COLLATE_NAMES[chr(_b)] = _b

_DOLLAR = "(?:\\Z)"  # cannot occur in translated literals, which escape `(` and `?`


class _Invalid(Exception):
    pass


class _Space(Exception):
    pass


def _signed(b: int) -> int:
    return b - 256 if b >= 128 else b


def _bracket(p: bytes, i: int) -> tuple[str, int]:
    """Translate the bracket expression whose `[` is at p[i-1]; returns (text, next)."""
    n = len(p)
    negate = False
    if i < n and p[i] == 0x5E:  # ^
        negate = True
        i += 1
    members: set[int] = set()
    first = True

    def item(i: int) -> tuple[str, Any, int]:
        """('char', byte, next) or ('class', set, next)."""
        if i >= n:
            raise _Invalid
        c = p[i]
        if c == 0x5B and i + 1 < n and p[i + 1] in b":.=":
            kind = p[i + 1]
            end = p.find(bytes([kind, 0x5D]), i + 2)
            if end < 0:
                raise _Invalid
            name = p[i + 2:end].decode("latin-1")
            if kind == 0x3A:  # :
                cls = _CLASSES.get(name)
                if cls is None:
                    raise _Invalid
                return "class", cls, end + 2
            if len(name) == 1:
                return "char", ord(name), end + 2
            if name in _COLLATE_NAMES:
                return "char", _COLLATE_NAMES[name], end + 2
            raise _Invalid
        return "char", c, i + 1

    while True:
        if i >= n:
            raise _Invalid
        if p[i] == 0x5D and not first:  # ]
            i += 1
            break
        starts_collating = p[i] == 0x5B and i + 1 < n and p[i + 1] in b".="
        kind, val, i = item(i)
        first = False
        if i < n and p[i] == 0x2D and i + 1 < n and p[i + 1] != 0x5D:  # a range follows
            if kind == "class" or starts_collating:
                raise _Invalid
            if p[i + 1] == 0x5B and i + 2 < n and p[i + 2] in b":.=":
                raise _Invalid
            hi = p[i + 1]
            i += 2
            lo_s, hi_s = _signed(val), _signed(hi)
            if lo_s > hi_s:
                raise _Invalid
            members.update(b & 0xFF for b in range(lo_s, hi_s + 1))
            if i < n and p[i] == 0x2D and i + 1 < n and p[i + 1] != 0x5D:
                raise _Invalid
            continue
        if kind == "class":
            members |= val
        else:
            members.add(val)
    return _set_text(members, negate), i


def _set_text(members: set[int], negate: bool) -> str:
    out = ["[^" if negate else "["]
    bs = sorted(members)
    k = 0
    while k < len(bs):
        j = k
        while j + 1 < len(bs) and bs[j + 1] == bs[j] + 1:
            j += 1
        out.append(f"\\x{bs[k]:02x}")
        if j > k:
            out.append(f"-\\x{bs[j]:02x}")
        k = j + 1
    out.append("]")
    return "".join(out)


class _Frame:
    __slots__ = ("alts", "cur", "alt_cost")

    def __init__(self) -> None:
        self.alts: list[str] = []
        self.cur: list[list[Any]] = []  # pieces: [text, cost, kind]
        self.alt_cost = 0


def _close(fr: _Frame) -> tuple[str, int]:
    fr.alts.append("".join(x[0] for x in fr.cur))
    fr.alt_cost += sum(x[1] for x in fr.cur)
    # Each `|` costs an alternative state and two dummies in libstdc++'s automaton.
    return "|".join(fr.alts), fr.alt_cost + 3 * (len(fr.alts) - 1)


def translate(pattern: bytes) -> tuple[str, bool, int]:
    """POSIX ERE (bytes) -> (Python pattern text over latin-1, has alternation,
    estimated automaton size). Raises _Invalid or _Space."""
    p = pattern
    n = len(p)
    stack = [_Frame()]
    has_alt = False
    i = 0
    while i < n:
        c = p[i]
        fr = stack[-1]
        i += 1
        if c == 0x5C:  # backslash
            if i >= n or p[i] not in _SPECIAL_ESCAPES:
                raise _Invalid
            fr.cur.append([re.escape(chr(p[i])), 1, "atom"])
            i += 1
        elif c == 0x5B:  # [
            text, i = _bracket(p, i)
            fr.cur.append([text, 1, "atom"])
        elif c == 0x28:  # (
            stack.append(_Frame())
        elif c == 0x29:  # )
            if len(stack) == 1:
                raise _Invalid
            stack.pop()
            text, cost = _close(fr)
            stack[-1].cur.append(["(" + text + ")", cost + 3, "atom"])
        elif c == 0x7C:  # |
            has_alt = True
            fr.alts.append("".join(x[0] for x in fr.cur))
            fr.alt_cost += sum(x[1] for x in fr.cur)
            fr.cur = []
        elif c == 0x5E:  # ^
            fr.cur.append(["^", 1, "anchor"])
        elif c == 0x24:  # $
            fr.cur.append([_DOLLAR, 1, "anchor"])
        elif c == 0x2E:  # .
            fr.cur.append(["[^\\x00]", 1, "atom"])
        elif c in b"*+?{":
            if not fr.cur or fr.cur[-1][2] == "anchor":
                raise _Invalid
            piece = fr.cur[-1]
            text, cost = piece[0], piece[1]
            if piece[2] == "quant":
                text = "(?:" + text + ")"
            if c == 0x2A:
                q, cost = "*", cost + 1
            elif c == 0x2B:
                q, cost = "+", cost + 1
            elif c == 0x3F:
                q, cost = "?", cost + 2
            else:
                close = p.find(b"}", i)
                if close < 0:
                    raise _Invalid
                body = p[i:close].decode("latin-1")
                i = close + 1
                m = re.fullmatch(r"([0-9]+)(,([0-9]*))?", body)
                if m is None:
                    raise _Invalid
                lo = int(m.group(1))
                if m.group(2) is None:
                    hi: int | None = lo
                elif m.group(3) == "":
                    hi = None
                else:
                    hi = int(m.group(3))
                    if hi < lo:
                        raise _Invalid
                if hi is None:
                    q, cost = "{%d,}" % lo, (lo + 1) * cost + 2
                elif hi == lo:
                    q, cost = "{%d}" % lo, (lo + 1) * cost + 1
                else:
                    q, cost = "{%d,%d}" % (lo, hi), (lo + 1) * cost + (hi - lo) * (cost + 1) + 2
            piece[0], piece[1], piece[2] = text + q, cost, "quant"
            if cost > _STATE_LIMIT:
                raise _Space
        else:
            fr.cur.append([re.escape(chr(c)), 1, "atom"])
    if len(stack) != 1:
        raise _Invalid
    text, cost = _close(stack[0])
    if cost + _BASE_STATES > _STATE_LIMIT:
        raise _Space
    return text, has_alt, cost


class Regex:
    """A compiled Nix regular expression."""

    __slots__ = ("full", "nodollar", "longest")

    def __init__(self, text: str, has_alt: bool):
        self.full = re.compile(text.encode("latin-1"), re.DOTALL)
        # Used to test candidate matches ending before the end of the string, where
        # `$` can never hold (Python's `endpos` would make it hold there).
        self.nodollar = (re.compile(text.replace(_DOLLAR, "(?!)").encode("latin-1"), re.DOTALL)
                         if _DOLLAR in text else self.full)
        self.longest = has_alt


_CACHE: dict[str, Regex | RegexError] = {}


def compile_regex(pattern: str) -> Regex:
    hit = _CACHE.get(pattern)
    if hit is None:
        try:
            text, has_alt, _ = translate(_bytes(pattern))
            hit = Regex(text, has_alt)
        except _Invalid:
            hit = RegexError(f"invalid regular expression '{pattern}'")
        except _Space:
            hit = RegexError(f"memory limit exceeded by regular expression '{pattern}'")
        except re.error:  # a construct we translate wrongly: still Nix's message
            hit = RegexError(f"invalid regular expression '{pattern}'")
        if len(_CACHE) > 4096:
            _CACHE.clear()
        _CACHE[str(pattern)] = hit
    if isinstance(hit, RegexError):
        # A fresh error each time: the cached one would collect this call's position and frames.
        raise RegexError(hit.message)
    return hit


def _bytes(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


def _str(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


def _groups(m: re.Match[bytes]) -> list[Any]:
    return [None if g is None else _str(g) for g in m.groups()]


@builtin("match", 2)
def match(regex: Any, s: Any) -> Any:
    r = compile_regex(expect_string_no_context(regex))
    # Nix 2.8 returns the captures without the context of `s`.
    m = r.full.fullmatch(_bytes(expect_string(s)))
    if m is None:
        return None
    return _groups(m)


def _longest(r: Regex, b: bytes, m: re.Match[bytes]) -> re.Match[bytes]:
    """The longest match starting where `m` starts (libstdc++'s POSIX rule)."""
    s, e = m.span()
    n = len(b)
    if e < n:
        full = r.full.fullmatch(b, s, n)
        if full is not None:
            return full
    for end in range(n - 1, e, -1):
        cand = r.nodollar.fullmatch(b, s, end)
        if cand is not None:
            return cand
    return m


@builtin("split", 2)
def split(regex: Any, s: Any) -> Any:
    r = compile_regex(expect_string_no_context(regex))
    # TODO(context): Nix 2.8 returns plain strings here too (the context of `s` is
    # dropped); newer Nix keeps it. If we follow newer Nix, it flows from `s` into
    # every piece and capture built by _split_from.
    b = _bytes(expect_string(s))
    return _split_from(r, b)


def _split_from(r: Regex, b: bytes) -> list[Any]:
    out: list[Any] = []
    last = 0
    while True:
        restart = None
        for m in r.full.finditer(b, last):
            m2 = _longest(r, b, m) if r.longest else m
            out.append(_str(b[last:m2.start()]))
            out.append(_groups(m2))
            last = m2.end()
            if m2 is not m:
                # Restart after the extended match; a fresh search also allows an
                # empty match right at its end, as regex_iterator does.
                restart = last
                break
        if restart is None:
            out.append(_str(b[last:]))
            return out
