"""A persistent cache of lowered ASTs, keyed by content.

Parsing and lowering dominate a cold evaluation of a large tree of Nix files (real
nixpkgs reads ~2 MB of source to evaluate one package). The lowered AST of a file
is pickled under a key that covers everything it depends on: the file's path and
text, the global scope's names (variables are resolved to slots), the experimental
features that change the syntax (`pipe-operators`), and the source of
the modules that define and build the AST. A second run loads it instead.

Invariants: a cache entry is only ever a pure function of its key; a missing,
corrupt or unwritable cache is ignored (the file is parsed as usual); every file
is cached, small ones too (measured on nixpkgs' hello.drvPath, warm: caching all 150
files instead of the 22 above 16 KiB took 0.93x the time, median of 7 pairs); an AST
too deep to pickle is simply not cached. Set NIXEVAL_CACHE=0 to disable it, NIXEVAL_CACHE_DIR to
move it (default: $XDG_CACHE_HOME/nixeval or ~/.cache/nixeval).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Collection, Mapping
from typing import Any

MIN_SIZE = 0  # files shorter than this are not cached
_code_hash: str | None = None


# The modules that define and build the AST (in nixeval/syntax/, then in nixeval/):
# a change to any of them changes every key.
_AST_MODULES = ("ast.py", "lower.py", "walk.py", "expressions.py", "literals.py", "bindings.py",
                "parse_errors.py", "repair.py", "cache.py")
_AST_PACKAGE_MODULES = ("source.py", "lexical.py")


def _code_version() -> str:
    global _code_hash
    if _code_hash is None:
        h = hashlib.sha256()
        here = os.path.dirname(os.path.abspath(__file__))
        package = os.path.dirname(here)
        paths = [os.path.join(here, name) for name in _AST_MODULES]
        paths += [os.path.join(package, name) for name in _AST_PACKAGE_MODULES]
        for path in paths:
            with open(path, "rb") as f:
                h.update(f.read())
        _code_hash = h.hexdigest()[:16]
    return _code_hash


def cache_dir(environ: Mapping[str, str]) -> str | None:
    if environ.get("NIXEVAL_CACHE", "1") == "0":
        return None
    d = environ.get("NIXEVAL_CACHE_DIR")
    if not d:
        base = environ.get("XDG_CACHE_HOME") or os.path.join(environ.get("HOME", "/tmp"), ".cache")
        d = os.path.join(base, "nixeval")
    return d


def cached_parse(environ: Mapping[str, str], path: str, base_dir: str, text: str,
                 global_names: Mapping[str, int], parse: Callable[[], Any],
                 features: Collection[str] = ()) -> Any:
    """The AST of `text` (the file at `path`), from the cache or from `parse()`.
    `features`: the enabled experimental features that change what parses (the
    pipe operators): part of the key."""
    directory = cache_dir(environ)
    if directory is None or len(text) < MIN_SIZE:
        return parse()
    h = hashlib.sha256()
    for part in (_code_version(), path, base_dir, environ.get("HOME", ""),
                 repr(sorted(global_names.items())), repr(sorted(features))):
        h.update(part.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
    h.update(text.encode("utf-8", "surrogateescape"))
    entry = os.path.join(directory, h.hexdigest() + ".ast")
    try:
        with open(entry, "rb") as f:
            return pickle.load(f)
    except Exception:  # noqa: BLE001 - a missing or unreadable entry: parse instead
        pass
    node = parse()
    try:
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(node, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, RecursionError, pickle.PicklingError):
        pass
    return node
