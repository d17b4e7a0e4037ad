"""`builtins.toJSON` and `builtins.fromJSON`, as current Nix does them (Nix 2.8's
answers where they did not change).

toJSON (async, `write_json`): walks the value with an explicit stack (no Python
recursion per nesting level), forcing items with `await force(...)`. The same walk
writes a derivation's `__json` (`__structuredAttrs`, derivations.py) as Nix 2.8's
nlohmann::json dump does: there only floats, escapes and errors differ. Sets with `__toString` print
the string it returns (coerced without copying paths), else sets with `outPath`
print that value, else an object with keys in byte order. Paths are copied to the
store. Floats print like C++ `ostream <<` (`%g`, `inf`, `-nan`). Only `"`, `\\`,
newline, return and tab have short escapes; other bytes below 0x20 become `\\u00xx`;
everything else (DEL, UTF-8) is written raw. The result carries the context of every
string (and copied path) it contains. This is Nix 2.8's writer, kept deliberately:
Nix 2.12 switched to nlohmann::json (floats `1.0` where 2.8 wrote `1`, `\\b`, `\\f`,
and since 2.26 an error for a string that is not UTF-8), and that changes the
drvPath of NixOS 24.11 systems (option documentation renders float defaults through
`toJSON`): see DIFFERENCES.md.

fromJSON: a port *of the observable behaviour* of the nlohmann::json 3.x parser that
Nix 2.8 uses, written from its documented grammar and error messages: the same
token names, "last read" excerpts and line/column positions, so error messages match
word for word. It works on the UTF-8 bytes of the input, iteratively. Numbers: an
integer fitting int64 becomes a Nix int, one above it that still fits uint64 is an
error (newer Nix; 2.8 wrapped it into int64), a larger one or one with a
fraction/exponent a float; a float that overflows is an error. A string or key
holding a NUL byte (`\\u0000`) is an error (newer Nix; 2.8 cut it there).
Duplicate keys: the last wins. Both functions refuse string context in their input
(fromJSON).
"""

from __future__ import annotations

import math
from typing import Any

from nixeval.builtins.nocontext import expect_string_no_context
from nixeval.builtins.registry import builtin
from nixeval.errors import JSONError, TypeError_
from nixeval.lexical import byte_key, format_float, format_float_shortest
from nixeval.machine.requests import call, coerce_to_string, force
from nixeval.values import Lambda, NixPath, NixString, PrimOp, PrimOpApp, Thunk, make_string

# --- toJSON ---------------------------------------------------------------------------

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
for _c in range(0x20):
    _ESCAPES.setdefault(chr(_c), "\\u%04x" % _c)
_NEEDS_ESCAPE = frozenset(_ESCAPES)
# nlohmann::json's dump also has short escapes for backspace and form feed.
_DUMP_ESCAPES = dict(_ESCAPES, **{"\b": "\\b", "\f": "\\f"})


def json_string(s: str) -> str:
    """A JSON string literal as Nix 2.8's toJSON writes it."""
    if not any(c in _NEEDS_ESCAPE for c in s):
        return '"' + s + '"'
    return '"' + "".join(_ESCAPES.get(c, c) for c in s) + '"'


def json_dump_string(s: str) -> str:
    """A JSON string literal as nlohmann::json's dump writes it (`__structuredAttrs`)."""
    if not any(c in _NEEDS_ESCAPE for c in s):
        return '"' + s + '"'
    return '"' + "".join(_DUMP_ESCAPES.get(c, c) for c in s) + '"'


def _function_error(v: Any, at_lambda: bool) -> TypeError_:
    if type(v) is Lambda:
        err = TypeError_("cannot convert a function to JSON")
        if at_lambda:  # Nix 2.8's toJSON points at the lambda itself
            err.at(getattr(v.node, "span", None))
        return err
    if type(v) is PrimOp:
        return TypeError_(f"cannot convert the built-in function '{v.name}' to JSON")
    return TypeError_(f"cannot convert the partially applied built-in function "
                      f"'{v.op.name}' to JSON")


async def write_json(value: Any, context: set[str], dump: bool = False) -> str:
    """The JSON text of a value, adding the context of every string (and copied path)
    it holds to `context`. Two writers of Nix 2.8 differ only in floats, escapes and
    errors: toJSON's own (`dump=False`: floats as printed, see `format_float`) and
    nlohmann::json's compact dump (`dump=True`, for `__structuredAttrs`: shortest
    round-trip floats and non-finite ones as null, `\\b`/`\\f` escapes, a function's
    error without its position). Both sort keys by bytes. Iterative."""
    quote = json_dump_string if dump else json_string
    float_text = format_float_shortest if dump else format_float
    out: list[str] = []
    # Work items: a value/thunk to print, or a literal text (`_Text`) to emit. A
    # list/set being printed is pushed as a reversed sequence of its parts.
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        ti = type(item)
        if ti is _Text:
            out.append(item.text)
            continue
        v = await force(item) if ti is Thunk else item
        t = type(v)
        if t is str or t is NixString:
            if t is NixString:
                context |= v.context
            out.append(quote(v))
        elif t is bool:
            out.append("true" if v else "false")
        elif t is int:
            out.append(str(v))
        elif t is float:
            out.append(float_text(v))
        elif v is None:
            out.append("null")
        elif t is list:
            if not v:
                out.append("[]")
                continue
            out.append("[")
            stack.append(_Text("]"))
            for k in range(len(v) - 1, -1, -1):
                stack.append(v[k])
                if k:
                    stack.append(_Text(","))
        elif issubclass(t, dict):
            if "__toString" in v:
                fn = await force(v["__toString"])
                s = await coerce_to_string(await call(fn, v), copy_to_store=False)
                if type(s) is NixString:
                    context |= s.context
                out.append(quote(s))
                continue
            if "outPath" in v:
                stack.append(v["outPath"])
                continue
            if not v:
                out.append("{}")
                continue
            names = sorted(v, key=byte_key)
            out.append("{")
            stack.append(_Text("}"))
            for k in range(len(names) - 1, -1, -1):
                name = names[k]
                stack.append(v[name])
                stack.append(_Text(("," if k else "") + quote(name) + ":"))
        elif t is NixPath:
            s = await coerce_to_string(v, copy_to_store=True)
            if type(s) is NixString:
                context |= s.context
            out.append(quote(s))
        elif t is Lambda or t is PrimOp or t is PrimOpApp:
            raise _function_error(v, at_lambda=not dump)
        else:
            raise AssertionError(f"not a Nix value: {v!r}")
    return "".join(out)


async def to_json_string(value: Any) -> str:
    """The JSON text of a value as toJSON makes it (a `NixString` when it has context)."""
    context: set[str] = set()
    text = await write_json(value, context)
    return make_string(text, context)


class _Text:
    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


@builtin("toJSON", 1)
async def to_json(v: Any) -> str:
    return await to_json_string(v)


# --- fromJSON -------------------------------------------------------------------------

_INT64_MIN = -(2**63)
_INT64_MAX = 2**63 - 1
_UINT64_MAX = 2**64 - 1

# Token kinds, named as nlohmann::json names them in messages.
_NAMES = {
    "true": "true literal", "false": "false literal", "null": "null literal",
    "string": "string literal", "number": "number literal", "[": "'['", "{": "'{'",
    "]": "']'", "}": "'}'", ":": "':'", ",": "','", "error": "<parse error>",
    "eof": "end of input", "value": "'[', '{', or a literal", None: "<uninitialized>",
}

_CONTROL_NAMES = {
    0x00: "NUL", 0x01: "SOH", 0x02: "STX", 0x03: "ETX", 0x04: "EOT", 0x05: "ENQ",
    0x06: "ACK", 0x07: "BEL", 0x08: "BS", 0x09: "HT", 0x0A: "LF", 0x0B: "VT", 0x0C: "FF",
    0x0D: "CR", 0x0E: "SO", 0x0F: "SI", 0x10: "DLE", 0x11: "DC1", 0x12: "DC2", 0x13: "DC3",
    0x14: "DC4", 0x15: "NAK", 0x16: "SYN", 0x17: "ETB", 0x18: "CAN", 0x19: "EM",
    0x1A: "SUB", 0x1B: "ESC", 0x1C: "FS", 0x1D: "GS", 0x1E: "RS", 0x1F: "US",
}
_SHORT_ESCAPE = {0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r"}

_EOF = -1


class _JSONError(Exception):
    pass


class _Lexer:
    """nlohmann's lexer: `token_string` is what was read since the last string or
    number token started (literals and punctuation do not reset it), used in error
    messages as "last read"."""

    __slots__ = ("data", "pos", "current", "unget_next", "lines", "col", "token",
                 "buffer", "error", "value")

    def __init__(self, data: bytes):
        self.data = data
        self.pos = 0
        self.current = _EOF
        self.unget_next = False
        self.lines = 0
        self.col = 0
        self.token = bytearray()
        self.buffer = bytearray()
        self.error = ""
        self.value: Any = None

    def get(self) -> int:
        self.col += 1
        if self.unget_next:
            self.unget_next = False
        else:
            if self.pos < len(self.data):
                self.current = self.data[self.pos]
                self.pos += 1
            else:
                self.current = _EOF
        if self.current != _EOF:
            self.token.append(self.current)
        if self.current == 0x0A:
            self.lines += 1
            self.col = 0
        return self.current

    def unget(self) -> None:
        self.unget_next = True
        if self.col == 0:
            if self.lines > 0:
                self.lines -= 1
        else:
            self.col -= 1
        if self.current != _EOF:
            self.token.pop()

    def reset(self) -> None:
        self.buffer = bytearray()
        self.token = bytearray()
        if self.current != _EOF:
            self.token.append(self.current)

    def token_string(self) -> str:
        out = []
        for b in self.token:
            if b <= 0x1F:
                out.append("<U+%04X>" % b)
            else:
                out.append(chr(b))
        # raw bytes, as nlohmann writes them
        return "".join(out).encode("latin-1").decode("utf-8", "surrogateescape")

    def position(self) -> str:
        return f"line {self.lines + 1}, column {self.col}"

    def scan(self) -> str:
        if self.pos == 0 and self.col == 0:
            if not self._skip_bom():
                self.error = "invalid BOM; must be 0xEF 0xBB 0xBF if given"
                return "error"
        c = self.get()
        while c in (0x20, 0x09, 0x0A, 0x0D):
            c = self.get()
        if c == 0x5B:
            return "["
        if c == 0x5D:
            return "]"
        if c == 0x7B:
            return "{"
        if c == 0x7D:
            return "}"
        if c == 0x3A:
            return ":"
        if c == 0x2C:
            return ","
        if c == 0x74:
            return self._literal(b"true", "true")
        if c == 0x66:
            return self._literal(b"false", "false")
        if c == 0x6E:
            return self._literal(b"null", "null")
        if c == 0x22:
            return self._string()
        if c == 0x2D or 0x30 <= c <= 0x39:
            return self._number()
        if c == 0x00 or c == _EOF:
            return "eof"
        self.error = "invalid literal"
        return "error"

    def _skip_bom(self) -> bool:
        if self.get() == 0xEF:
            return self.get() == 0xBB and self.get() == 0xBF
        self.unget()
        return True

    def _literal(self, text: bytes, kind: str) -> str:
        for b in text[1:]:
            if self.get() != b:
                self.error = "invalid literal"
                return "error"
        return kind

    def _hex4(self) -> int:
        n = 0
        for _ in range(4):
            c = self.get()
            if 0x30 <= c <= 0x39:
                n = n * 16 + c - 0x30
            elif 0x41 <= c <= 0x46:
                n = n * 16 + c - 0x37
            elif 0x61 <= c <= 0x66:
                n = n * 16 + c - 0x57
            else:
                return -1
        return n

    def _string(self) -> str:
        self.reset()
        buf = self.buffer
        while True:
            c = self.get()
            if c == _EOF:
                self.error = "invalid string: missing closing quote"
                return "error"
            if c == 0x22:
                self.value = bytes(buf)
                return "string"
            if c == 0x5C:
                e = self.get()
                simple = {0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08, 0x66: 0x0C,
                          0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09}.get(e)
                if simple is not None:
                    buf.append(simple)
                    continue
                if e != 0x75:
                    self.error = "invalid string: forbidden character after backslash"
                    return "error"
                cp = self._hex4()
                if cp < 0:
                    self.error = "invalid string: '\\u' must be followed by 4 hex digits"
                    return "error"
                if 0xD800 <= cp <= 0xDBFF:
                    if self.get() == 0x5C and self.get() == 0x75:
                        lo = self._hex4()
                        if lo < 0:
                            self.error = "invalid string: '\\u' must be followed by 4 hex digits"
                            return "error"
                        if 0xDC00 <= lo <= 0xDFFF:
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
                        else:
                            self.error = ("invalid string: surrogate U+D800..U+DBFF must be "
                                          "followed by U+DC00..U+DFFF")
                            return "error"
                    else:
                        self.error = ("invalid string: surrogate U+D800..U+DBFF must be "
                                      "followed by U+DC00..U+DFFF")
                        return "error"
                elif 0xDC00 <= cp <= 0xDFFF:
                    self.error = ("invalid string: surrogate U+DC00..U+DFFF must follow "
                                  "U+D800..U+DBFF")
                    return "error"
                buf += chr(cp).encode("utf-8")
                continue
            if c <= 0x1F:
                short = _SHORT_ESCAPE.get(c)
                hint = f"\\u{c:04X}" + (f" or {short}" if short else "")
                self.error = (f"invalid string: control character U+{c:04X} "
                              f"({_CONTROL_NAMES[c]}) must be escaped to {hint}")
                return "error"
            if c < 0x80:
                buf.append(c)
                continue
            if not self._utf8_tail(c):
                self.error = "invalid string: ill-formed UTF-8 byte"
                return "error"

    def _utf8_tail(self, c: int) -> bool:
        """Check (and copy) one UTF-8 sequence starting with byte `c` (RFC 3629)."""
        buf = self.buffer
        buf.append(c)

        def need(lo: int, hi: int) -> bool:
            b = self.get()
            if lo <= b <= hi:
                buf.append(b)
                return True
            return False

        if 0xC2 <= c <= 0xDF:
            return need(0x80, 0xBF)
        if c == 0xE0:
            return need(0xA0, 0xBF) and need(0x80, 0xBF)
        if 0xE1 <= c <= 0xEC or c in (0xEE, 0xEF):
            return need(0x80, 0xBF) and need(0x80, 0xBF)
        if c == 0xED:
            return need(0x80, 0x9F) and need(0x80, 0xBF)
        if c == 0xF0:
            return need(0x90, 0xBF) and need(0x80, 0xBF) and need(0x80, 0xBF)
        if 0xF1 <= c <= 0xF3:
            return need(0x80, 0xBF) and need(0x80, 0xBF) and need(0x80, 0xBF)
        if c == 0xF4:
            return need(0x80, 0x8F) and need(0x80, 0xBF) and need(0x80, 0xBF)
        return False

    def _number(self) -> str:
        self.reset()
        c = self.current
        is_float = False
        if c == 0x2D:
            c = self.get()
            if not 0x30 <= c <= 0x39:
                self.error = "invalid number; expected digit after '-'"
                return "error"
        if c != 0x30:
            c = self.get()
            while 0x30 <= c <= 0x39:
                c = self.get()
        else:
            c = self.get()
        if c == 0x2E:
            is_float = True
            c = self.get()
            if not 0x30 <= c <= 0x39:
                self.error = "invalid number; expected digit after '.'"
                return "error"
            c = self.get()
            while 0x30 <= c <= 0x39:
                c = self.get()
        if c in (0x65, 0x45):
            is_float = True
            c = self.get()
            if c in (0x2B, 0x2D):
                c = self.get()
                if not 0x30 <= c <= 0x39:
                    self.error = "invalid number; expected digit after exponent sign"
                    return "error"
            elif not 0x30 <= c <= 0x39:
                self.error = "invalid number; expected '+', '-', or digit after exponent"
                return "error"
            c = self.get()
            while 0x30 <= c <= 0x39:
                c = self.get()
        self.unget()
        text = bytes(self.token).decode("ascii")
        if not is_float:
            n = int(text)
            if text.startswith("-"):
                if n >= _INT64_MIN:
                    self.value = n
                    return "number"
            elif n <= _UINT64_MAX:
                # nlohmann reads it as an unsigned 64-bit number; one above the
                # signed range is refused by the parser (newer Nix; 2.8 wrapped it).
                self.value = n
                return "number"
        self.value = float(text)  # like strtod: overflow gives inf, checked by the parser
        return "number"


def _parse_error(lx: _Lexer, token: str, expected: str | None, context: str) -> _JSONError:
    msg = f"syntax error while parsing {context} - "
    if token == "error":
        msg += f"{lx.error}; last read: '{lx.token_string()}'"
    else:
        msg += f"unexpected {_NAMES[token]}"
    if expected is not None:
        msg += f"; expected {_NAMES[expected]}"
    return _JSONError(f"[json.exception.parse_error.101] parse error at {lx.position()}: {msg}")


def _str_value(b: bytes) -> str:
    text = b.decode("utf-8", "surrogateescape")
    if b"\x00" in b:
        raise no_null_byte_error(text)
    return text


def no_null_byte_error(text: str) -> JSONError:
    """Nix >= 2.26: a string (value or key) that holds a NUL byte cannot be a Nix
    string, and `fromJSON`/`fromTOML` refuse it (Nix 2.8 cut it at the NUL)."""
    return JSONError(f"input string '{text.replace(chr(0), chr(0x2400))}' cannot be "
                     "represented as Nix string because it contains null bytes")


def parse_json(text: str) -> Any:
    """Parse JSON text into a Nix value, with nlohmann's error messages."""
    lx = _Lexer(text.encode("utf-8", "surrogateescape"))
    # Containers under construction: [list] or [dict, pending key].
    stack: list[list[Any]] = []
    result: Any = None
    token = lx.scan()
    while True:
        # parse a value starting with `token`
        if token == "{":
            token = lx.scan()
            if token == "}":
                value: Any = {}
            else:
                if token != "string":
                    raise _parse_error(lx, token, "string", "object key")
                key = _str_value(lx.value)
                token = lx.scan()
                if token != ":":
                    raise _parse_error(lx, token, ":", "object separator")
                stack.append([{}, key])
                token = lx.scan()
                continue
        elif token == "[":
            token = lx.scan()
            if token == "]":
                value = []
            else:
                stack.append([[]])
                continue
        elif token == "string":
            value = _str_value(lx.value)
        elif token == "number":
            value = lx.value
            if type(value) is int and value > _INT64_MAX:
                raise JSONError(f"unsigned json number {value} outside of Nix integer range")
            if type(value) is float and not math.isfinite(value):
                raise _JSONError(f"[json.exception.out_of_range.406] number overflow parsing "
                                 f"'{lx.token_string()}'")
        elif token == "true":
            value = True
        elif token == "false":
            value = False
        elif token == "null":
            value = None
        elif token == "error":
            raise _parse_error(lx, token, None, "value")
        else:
            raise _parse_error(lx, token, "value", "value")
        # a complete value: store it in the enclosing containers, closing them as needed
        while True:
            if not stack:
                result = value
                token = lx.scan()
                if token != "eof":
                    raise _parse_error(lx, token, "eof", "value")
                return result
            top = stack[-1]
            container = top[0]
            if type(container) is list:
                container.append(value)
                token = lx.scan()
                if token == ",":
                    token = lx.scan()
                    break
                if token == "]":
                    stack.pop()
                    value = container
                    continue
                raise _parse_error(lx, token, "]", "array")
            container[top[1]] = value
            token = lx.scan()
            if token == ",":
                token = lx.scan()
                if token != "string":
                    raise _parse_error(lx, token, "string", "object key")
                top[1] = _str_value(lx.value)
                token = lx.scan()
                if token != ":":
                    raise _parse_error(lx, token, ":", "object separator")
                token = lx.scan()
                break
            if token == "}":
                stack.pop()
                value = container
                continue
            raise _parse_error(lx, token, "}", "object")


@builtin("fromJSON", 1)
def from_json(s: Any) -> Any:
    try:
        return parse_json(expect_string_no_context(s))
    except _JSONError as e:
        # Nix 2.8 reports this without a position (JSONError), and nix-instantiate
        # then adds the hint "(use '--show-trace' to show detailed location information)".
        raise JSONError(str(e)) from None
