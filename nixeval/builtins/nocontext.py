"""`expect_string_no_context`: a string argument that must not refer to the store.

Nix's `forceStringNoCtx`: used by builtins whose result could not carry the string's
context (regex patterns, versions, fromJSON, fromTOML, parseDrvName). The error names
the first context element in Nix's (bytewise sorted) order, in Nix's own encoding
(`!out!/nix/store/...drv`, `=/nix/store/...drv` or a plain store path).
"""

from __future__ import annotations

from typing import Any

from nixeval.builtins.registry import expect_string
from nixeval.errors import StringContextError
from nixeval.values import NixString


def expect_string_no_context(v: Any) -> str:
    s = expect_string(v)
    if type(s) is NixString:
        first = min(s.context, key=lambda c: c.encode("utf-8", "surrogateescape"))
        raise StringContextError(f"the string '{str(s)}' is not allowed to refer to a store path "
                                 f"(such as '{first}')")
    return s
