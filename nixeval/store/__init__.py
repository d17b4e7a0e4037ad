"""The store layer: hashes and their encodings, NAR serialisation, store path
computation and derivations, as Nix 2.8 does them, and writing store objects
into a store directory (`local`, used only in write mode). Pure Python,
standard library only.

This module re-exports the public API of `hashes`, `nar`, `paths`, `derivation`
and `local` (each submodule's ``__all__``), lazily: a submodule is imported when
one of its names is first asked for, so that importing one submodule (the file
system seam needs `nar`) does not import them all at start-up.
"""

from __future__ import annotations

import importlib
from typing import Any

# In the order they are searched: `derivation` (the largest) last.
_SUBMODULES = ("hashes", "nar", "local", "paths", "derivation")


def __getattr__(name: str) -> Any:
    if name == "__all__":
        return [n for sub in _SUBMODULES for n in importlib.import_module(f"{__name__}.{sub}").__all__]
    for sub in _SUBMODULES:
        module = importlib.import_module(f"{__name__}.{sub}")
        if name in module.__all__:
            return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__getattr__("__all__"))
