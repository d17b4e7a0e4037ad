"""`builtins.fromTOML`, with Python's `tomllib` adjusted to what Nix (toml11) gives.

Differences from tomllib that Nix shows, reproduced here:
- integers out of the 64-bit range saturate to the nearest bound (toml11 reads them
  with `istream >> int64`), they are not errors. Newer toml11 releases refuse them,
  but Nix kept the saturating one: nixpkgs 24.11's `lib.fromHexString` relies on it
  (its tests expect `fromHexString` of a sha256 to be 9223372036854775807), and
  nixpkgs changed that test only in August 2025 (NixOS/nixpkgs#433710) so that Nix
  could update toml11 later;
- floats that overflow become +-DBL_MAX (same reason), while the literals `inf`,
  `+inf`, `-inf`, `nan`, `+nan`, `-nan` give infinities and NaNs (with their sign);
- a string or key holding a NUL byte (`\u0000`) is an error (Nix >= 2.26; 2.8 cut
  the string there), in current Nix's words: "while parsing TOML: <reason>";
- any date or time value fails with "Dates and times are not supported";
- other failures are reported as "while parsing a TOML string: <reason>" (2.8's
  words, as nixeval keeps them for every error 2.8 has);
- a byte that is not UTF-8, anywhere in the text, is an error (toml11 refuses it,
  with a reason that depends on where it stands: we give "invalid utf8 sequence
  found" wherever it is).
"""

from __future__ import annotations

import datetime
import re
import sys
from typing import Any

from nixeval.builtins.json import no_null_byte_error
from nixeval.builtins.nocontext import expect_string_no_context
from nixeval.builtins.registry import builtin
from nixeval.errors import TOMLError
from nixeval.values import INT_MAX, INT_MIN

_SPECIAL = {"inf", "+inf", "-inf", "nan", "+nan", "-nan"}


def _parse_float(text: str) -> float:
    if text in _SPECIAL:
        return float(text)
    f = float(text.replace("_", ""))
    if f == float("inf"):
        return sys.float_info.max
    if f == float("-inf"):
        return -sys.float_info.max
    return f


class _TOMLError(Exception):
    """A failure that Nix 2.8 did not have, in current Nix's words: reported as
    "while parsing TOML: <reason>" (the prefix of Nix >= 2.21)."""


_DATES = (datetime.datetime, datetime.date, datetime.time)


def _convert(root: Any) -> Any:
    """Clamp integers, reject NUL bytes and dates, iteratively (containers are
    converted in place: they are fresh objects from tomllib)."""
    stack = [root]
    while stack:
        c = stack.pop()
        if isinstance(c, dict):
            for k in c:
                if "\x00" in k:
                    raise _nul_error(k)
        items = c.items() if isinstance(c, dict) else enumerate(c)
        for k, x in list(items):
            t = type(x)
            if issubclass(t, dict) or t is list:
                stack.append(x)
            elif t is int:
                if x > INT_MAX:
                    c[k] = INT_MAX
                elif x < INT_MIN:
                    c[k] = INT_MIN
            elif t is str:
                if "\x00" in x:
                    raise _nul_error(x)
            elif isinstance(x, _DATES):
                raise TOMLError("while parsing a TOML string: Dates and times are not supported")
    return root


def _nul_error(s: str) -> _TOMLError:
    # Nix's own error, met while converting toml11's value: its text (with its
    # "error: " prefix) becomes the reason.
    return _TOMLError("error: " + str(no_null_byte_error(s)))


_NOT_UTF8 = re.compile("[\udc80-\udcff]")  # bytes that are not UTF-8 (surrogateescape)


def parse_toml(text: str) -> dict[str, Any]:
    if not text.isascii() and _NOT_UTF8.search(text):
        raise TOMLError("while parsing a TOML string: [error] invalid utf8 sequence found")
    try:
        import tomllib  # imported on first use: it costs startup time

        data = tomllib.loads(text, parse_float=_parse_float)
        return _convert(data)
    except tomllib.TOMLDecodeError as e:
        raise TOMLError(f"while parsing a TOML string: {e}") from None
    except _TOMLError as e:
        raise TOMLError(f"while parsing TOML: {e}") from None
    except RecursionError:
        raise TOMLError("while parsing a TOML string: nesting too deep") from None


@builtin("fromTOML", 1, global_=True)
def from_toml(s: Any) -> Any:
    return parse_toml(expect_string_no_context(s))
