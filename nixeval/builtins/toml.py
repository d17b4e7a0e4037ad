"""`builtins.fromTOML`, with Python's `tomllib` adjusted to what Nix 2.8 (toml11) gives.

Differences from tomllib that Nix 2.8 shows, reproduced here:
- integers out of the 64-bit range saturate to the nearest bound (toml11 reads them
  with `istream >> int64`), they are not errors;
- floats that overflow become +-DBL_MAX (same reason), while the literals `inf`,
  `+inf`, `-inf`, `nan`, `+nan`, `-nan` give infinities and NaNs (with their sign);
- any date or time value fails with "Dates and times are not supported";
- every failure is reported as "while parsing a TOML string: <reason>";
- a byte that is not UTF-8, anywhere in the text, is an error (toml11 refuses it,
  with a reason that depends on where it stands: we give "invalid utf8 sequence
  found" wherever it is).
Known difference: for malformed TOML, toml11's reason (a multi-line message with a
source excerpt) is not reproduced; we give tomllib's one-line reason instead.
The conversion from tomllib's result is iterative.
"""

from __future__ import annotations

import datetime
import re
import sys
from typing import Any

from nixeval.builtins.nocontext import expect_string_no_context
from nixeval.builtins.registry import builtin
from nixeval.errors import EvalError
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


_DATES = (datetime.datetime, datetime.date, datetime.time)


def _convert(root: Any) -> Any:
    """Clamp integers and reject dates, iteratively (containers are converted in place:
    they are fresh objects from tomllib)."""
    stack = [root]
    while stack:
        c = stack.pop()
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
            elif isinstance(x, _DATES):
                raise EvalError("while parsing a TOML string: Dates and times are not supported")
    return root


_NOT_UTF8 = re.compile("[\udc80-\udcff]")  # bytes that are not UTF-8 (surrogateescape)


def parse_toml(text: str) -> dict[str, Any]:
    if not text.isascii() and _NOT_UTF8.search(text):
        raise EvalError("while parsing a TOML string: [error] invalid utf8 sequence found")
    try:
        import tomllib  # imported on first use: it costs startup time

        data = tomllib.loads(text, parse_float=_parse_float)
    except tomllib.TOMLDecodeError as e:
        raise EvalError(f"while parsing a TOML string: {e}") from None
    except RecursionError:
        raise EvalError("while parsing a TOML string: nesting too deep") from None
    return _convert(data)


@builtin("fromTOML", 1, global_=True)
def from_toml(s: Any) -> Any:
    return parse_toml(expect_string_no_context(s))
