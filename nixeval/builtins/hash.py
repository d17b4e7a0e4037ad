"""`builtins.hashString` and `builtins.hashFile`: md5, sha1, sha256, sha512 of a string
or of a file's contents, in base 16.

The string's context is accepted and dropped (the hash carries none, as in Nix 2.8).
Algorithm names are case-sensitive. Digest encodings other than base 16 (base 32,
SRI) live in `nixeval.store.hashes`.
"""

from __future__ import annotations

import hashlib
from typing import Any

from nixeval.builtins.nocontext import expect_string_no_context
from nixeval.builtins.registry import builtin, expect_string
from nixeval.errors import EvalError

ALGORITHMS = ("md5", "sha1", "sha256", "sha512")

# Nix 2.8 raises a *usage* error here: it has no position, and nix-instantiate prints
# it followed by "Try 'nix-instantiate --help' for more information.".
USAGE_HINT = "Try 'nix-instantiate --help' for more information."


class UnknownHashAlgorithm(EvalError):
    """Nix's UsageError for a bad algorithm name (see USAGE_HINT)."""

    usage_error = True
    positionless = True


def hash_string(algo: str, data: str) -> str:
    """Base-16 digest of a Nix string (its UTF-8 bytes) with a Nix algorithm name."""
    if algo not in ALGORITHMS:
        raise UnknownHashAlgorithm(f"unknown hash algorithm '{algo}'")
    return hashlib.new(algo, data.encode("utf-8", "surrogateescape")).hexdigest()


@builtin("hashString", 2)
def hash_string_(algo: Any, s: Any) -> str:
    name = str(expect_string(algo))
    if name not in ALGORITHMS:  # Nix checks the algorithm before the string
        raise UnknownHashAlgorithm(f"unknown hash algorithm '{name}'")
    return hash_string(name, str(expect_string(s)))


@builtin("hashFile", 2, lazy=(1,), impure=True)
async def hash_file(algo: Any, path: Any) -> str:
    from nixeval.builtins.paths import read_bytes, realise_path

    name = str(expect_string_no_context(algo))
    if name not in ALGORITHMS:
        raise UnknownHashAlgorithm(f"unknown hash algorithm '{name}'")
    data = read_bytes(await realise_path(path))
    return hashlib.new(name, data).hexdigest()
